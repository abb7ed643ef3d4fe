package io.polyface.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PairScoreSummary#scan} and {@link PairScoreSummary#scanRows} against a plain per-pair reference (label
 * compared pair by pair): same genuine scores, impostor count, kept top scores and histogram, for diagonal and
 * off-diagonal tiles (columns before or after the rows), unsorted and negative labels, one large identity, and
 * rows split among several summaries then merged.
 */
class PairScoreSummaryScanTest {

    private static final int BINS = 64;

    @Test
    void scanMatchesAPerPairReference() {
        Random rnd = new Random(19);
        for (int trial = 0; trial < 40; trial++) {
            int n = 5 + rnd.nextInt(60);
            int[] labels = new int[n];
            int classes = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                labels[i] = trial % 4 == 0 && rnd.nextBoolean() ? -7 : rnd.nextInt(classes) - 3; // one large identity
            }
            int keep = 1 + rnd.nextInt(40);
            int rowStart = rnd.nextInt(n - 2);
            int rows = 1 + rnd.nextInt(Math.min(12, n - rowStart));
            boolean diagonal = rnd.nextBoolean();
            int colStart = rowStart;
            int cols = rows;
            if (!diagonal && rowStart > 0 && (rnd.nextBoolean() || rowStart + rows == n)) { // columns before the rows
                colStart = rnd.nextInt(rowStart);
                cols = 1 + rnd.nextInt(rowStart - colStart);
            } else if (!diagonal && rowStart + rows < n) { // columns after the rows
                colStart = rowStart + rows + rnd.nextInt(n - rowStart - rows);
                cols = 1 + rnd.nextInt(n - colStart);
            }
            diagonal = colStart == rowStart;
            float[] s = new float[rows * cols];
            for (int k = 0; k < s.length; k++) {
                s[k] = rnd.nextInt(5) == 0 ? 0.25f : rnd.nextFloat() * 2.2f - 1.1f; // ties and scores just outside [-1, 1]
            }
            TiledCosineSimilarity.Tile tile = new TiledCosineSimilarity.Tile(rowStart, rows, colStart, cols, s);

            List<Float> genuine = new ArrayList<>();
            List<Float> impostor = new ArrayList<>();
            ScoreHistogram refHist = new ScoreHistogram(BINS);
            for (int r = 0; r < rows; r++) {
                for (int c = diagonal ? r + 1 : 0; c < cols; c++) {
                    float v = s[r * cols + c];
                    if (labels[rowStart + r] == labels[colStart + c]) {
                        genuine.add(v);
                    } else {
                        impostor.add(v);
                        refHist.add(v);
                    }
                }
            }
            double[] g = genuine.stream().mapToDouble(Float::doubleValue).sorted().toArray();
            double[] imp = impostor.stream().mapToDouble(Float::doubleValue).sorted().toArray();
            double[] top = new double[Math.min(keep, imp.length)];
            for (int k = 0; k < top.length; k++) {
                top[k] = imp[imp.length - 1 - k];
            }

            PairScoreSummary whole = new PairScoreSummary(keep, BINS);
            whole.scan(tile, labels);
            int split = rnd.nextInt(rows + 1);
            PairScoreSummary a = new PairScoreSummary(keep, BINS);
            PairScoreSummary b = new PairScoreSummary(keep, BINS);
            a.scanRows(tile, labels, 0, split);
            b.scanRows(tile, labels, split, rows);
            PairScoreSummary merged = a.merge(b);
            for (PairScoreSummary sum : List.of(whole, merged)) {
                assertThat(sum.genuineCount()).isEqualTo(g.length);
                assertThat(sum.impostorCount()).isEqualTo(imp.length);
                assertThat(sum.topDescending()).containsExactly(top);
                assertThat(sum.histogram().counts()).containsExactly(refHist.counts());
                if (g.length > 0 && imp.length > 0) {
                    assertThat(sum.genuineAscending()).containsExactly(g);
                }
            }
        }
    }

    @Test
    void rowSplitBalancesPairsAndCoversEveryRow() {
        TiledCosineSimilarity.Tile diag = new TiledCosineSimilarity.Tile(0, 1000, 0, 1000, new float[0]);
        int[] b = AllPairsEvaluator.rowSplit(diag, 2);
        assertThat(b[0]).isZero();
        assertThat(b[2]).isEqualTo(1000);
        long first = 0;
        for (int r = 0; r < b[1]; r++) {
            first += 999 - r;
        }
        assertThat((double) first / (1000L * 999 / 2)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.002));
        TiledCosineSimilarity.Tile off = new TiledCosineSimilarity.Tile(0, 7, 7, 5, new float[0]);
        assertThat(AllPairsEvaluator.rowSplit(off, 3)).containsExactly(0, 3, 5, 7);
        assertThat(AllPairsEvaluator.rowSplit(off, 1)).containsExactly(0, 7);
        assertThat(Arrays.stream(AllPairsEvaluator.rowSplit(off, 9)).max().getAsInt()).isEqualTo(7);
    }
}
