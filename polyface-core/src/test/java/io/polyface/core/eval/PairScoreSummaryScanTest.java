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

    /**
     * The pruned fused scan over many tiles (so that the prune bin rises far) keeps exactly the largest impostor
     * scores and the same histogram as a sort of all of them: heavy ties (scores on a grid that also hits bin edges),
     * one bin to 16,384 bins, keep from 1 up to more than there are scores, and a merged summary scanned further.
     */
    @Test
    void prunedScanOverManyTilesKeepsExactlyTheLargest() {
        Random rnd = new Random(2019);
        int n = 40;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 4;
        }
        for (int bins : new int[] {2, 64, 1 << 14}) {
            for (int keep : new int[] {1, 7, 100, 3000, 40_000}) {
                List<Float> impostor = new ArrayList<>();
                ScoreHistogram refHist = new ScoreHistogram(bins);
                PairScoreSummary whole = new PairScoreSummary(keep, bins);
                PairScoreSummary a = new PairScoreSummary(keep, bins);
                PairScoreSummary b = new PairScoreSummary(keep, bins);
                for (int t = 0; t < 30; t++) {
                    float[] s = new float[n * n];
                    for (int k = 0; k < s.length; k++) {
                        float g = rnd.nextInt(3) == 0 ? Math.round(rnd.nextFloat() * 64) / 32f - 1f : (float) rnd.nextGaussian() * 0.3f;
                        s[k] = t > 20 ? g + 0.02f * t : g; // later tiles score higher: the floor keeps rising
                    }
                    TiledCosineSimilarity.Tile tile = new TiledCosineSimilarity.Tile(0, n, 0, n, s);
                    for (int r = 0; r < n; r++) {
                        for (int c = r + 1; c < n; c++) {
                            if (labels[r] != labels[c]) {
                                impostor.add(s[r * n + c]);
                                refHist.add(s[r * n + c]);
                            }
                        }
                    }
                    whole.scan(tile, labels);
                    if (t == 20) {
                        a.merge(b); // merged, then scanned further
                    }
                    (t % 2 == 0 || t > 20 ? a : b).scan(tile, labels);
                }
                if (b.impostorCount() > 0 && a.impostorCount() < impostor.size()) {
                    a.merge(b);
                }
                double[] imp = impostor.stream().mapToDouble(Float::doubleValue).sorted().toArray();
                double[] top = new double[Math.min(keep, imp.length)];
                for (int k = 0; k < top.length; k++) {
                    top[k] = imp[imp.length - 1 - k];
                }
                for (PairScoreSummary sum : List.of(whole, a)) {
                    assertThat(sum.impostorCount()).isEqualTo(imp.length);
                    assertThat(sum.topDescending()).as("bins %d keep %d", bins, keep).containsExactly(top);
                    assertThat(sum.histogram().counts()).containsExactly(refHist.counts());
                }
                if (keep < imp.length / 10 && bins > 2) {
                    assertThat(whole.histogram().pruneBin()).as("pruning ran (bins %d keep %d)", bins, keep).isPositive();
                }
            }
        }
    }

    /** A tile left in the engine's memory, read row by row, gives what the same tile copied to Java gives. */
    @Test
    void nativeTileScanEqualsTheCopiedTileScan() {
        Random rnd = new Random(23);
        int n = 157;
        float[] x = new float[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) { // 16-d Gaussian embeddings of 20 identities
            labels[i] = rnd.nextInt(20);
            for (int k = 0; k < 16; k++) {
                x[i * 16 + k] = (float) rnd.nextGaussian();
            }
        }
        try (TiledCosineSimilarity sim = TiledCosineSimilarity.create(io.polyface.core.io.FeatureMatrix.fromRowMajor(n, 16, x), 40)) {
            PairScoreSummary copied = new PairScoreSummary(300, BINS);
            PairScoreSummary a = new PairScoreSummary(300, BINS);
            PairScoreSummary b = new PairScoreSummary(300, BINS);
            for (int i = 0; i < sim.tileCount(); i++) {
                for (int j = i; j < sim.tileCount(); j++) {
                    copied.scan(sim.tile(i, j), labels);
                    try (TiledCosineSimilarity.NativeTile t = sim.nativeTile(i, j)) {
                        int split = rnd.nextInt(t.rows() + 1);
                        a.scanRows(t, labels, 0, split);
                        b.scanRows(t, labels, split, t.rows());
                    }
                }
            }
            PairScoreSummary merged = a.merge(b);
            assertThat(merged.genuineCount()).isEqualTo(copied.genuineCount()).isPositive();
            assertThat(merged.impostorCount()).isEqualTo(copied.impostorCount()).isEqualTo((long) n * (n - 1) / 2 - copied.genuineCount());
            assertThat(merged.genuineAscending()).containsExactly(copied.genuineAscending());
            assertThat(merged.topDescending()).containsExactly(copied.topDescending());
            assertThat(merged.histogram().counts()).containsExactly(copied.histogram().counts());
        }
    }

    @Test
    void largestBelowIsTheLastScoreOfTheBinBelow() {
        for (int bins : new int[] {2, 3, 64, 1 << 14}) {
            ScoreHistogram h = new ScoreHistogram(bins);
            for (int b = 1; b < bins; b += Math.max(1, bins / 50)) {
                float x = h.largestBelow(b);
                assertThat(h.bin(x)).isLessThan(b);
                assertThat(h.bin(Math.nextUp(x))).isGreaterThanOrEqualTo(b);
            }
        }
    }

    @Test
    void rowSplitBalancesPairsAndCoversEveryRow() {
        int[] b = AllPairsEvaluator.rowSplit(1000, 1000, true, 2);
        assertThat(b[0]).isZero();
        assertThat(b[2]).isEqualTo(1000);
        long first = 0;
        for (int r = 0; r < b[1]; r++) {
            first += 999 - r;
        }
        assertThat((double) first / (1000L * 999 / 2)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.002));
        assertThat(AllPairsEvaluator.rowSplit(7, 5, false, 3)).containsExactly(0, 3, 5, 7);
        assertThat(AllPairsEvaluator.rowSplit(7, 5, false, 1)).containsExactly(0, 7);
        assertThat(Arrays.stream(AllPairsEvaluator.rowSplit(7, 5, false, 9)).max().getAsInt()).isEqualTo(7);
    }
}
