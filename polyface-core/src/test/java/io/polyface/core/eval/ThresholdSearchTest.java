package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.testing.ClusteredEmbeddings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pieces distributed all-pairs evaluation is built from, against {@link AllPairsEvaluator} on the same tiles:
 * per-block tiles, mergeable serializable summaries, and the multi-pass threshold search under a memory cap.
 */
class ThresholdSearchTest {

    private static final List<Double> FARS = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1);

    /** Scans every tile of the grid into a summary, in the evaluator's tile order. */
    private static PairScoreSummary firstPass(FeatureMatrix x, int[] labels, int tile, int keep) {
        PairScoreSummary s = new PairScoreSummary(keep, 1 << 14);
        try (TiledCosineSimilarity sim = TiledCosineSimilarity.create(x, tile)) {
            for (int i = 0; i < sim.tileCount(); i++) {
                for (int j = i; j < sim.tileCount(); j++) {
                    s.scan(sim.tile(i, j), labels);
                }
            }
        }
        return s;
    }

    private static VerificationResult search(FeatureMatrix x, int[] labels, int tile, int cap, List<Double> fars, int[] passes) {
        PairCounts counts = PairCounts.of(labels);
        int keep = (int) Math.min(cap, counts.keptImpostorScores(fars));
        ThresholdSearch search = ThresholdSearch.start(firstPass(x, labels, tile, keep), fars, cap);
        try (TiledCosineSimilarity sim = TiledCosineSimilarity.create(x, tile)) {
            while (!search.done()) {
                BracketPass pass = search.nextPass();
                // two workers, the tiles split between them, merged as a driver would
                BracketPass.Counts a = pass.newCounts();
                BracketPass.Counts b = pass.newCounts();
                int t = 0;
                for (int i = 0; i < sim.tileCount(); i++) {
                    for (int j = i; j < sim.tileCount(); j++) {
                        pass.scan(t++ % 2 == 0 ? a : b, sim.tile(i, j), labels);
                    }
                }
                search.accept(a.merge(b));
            }
        }
        passes[0] = search.passes();
        return search.result();
    }

    @Test
    void bracketingUnderAMemoryCapGivesTheEvaluatorsOperatingPoints() {
        int[] labels = new int[1500];
        FeatureMatrix x = ClusteredEmbeddings.of(20, 150, 10, 48, 1.1f, labels); // 1,124,250 pairs, 6,750 genuine
        VerificationResult expected = AllPairsEvaluator.builder().optTargetFars(FARS).optTileSize(100).build().evaluate(x, labels);
        assertThat(expected.operatingPoints().get(0).impostorsAllowed()).isEqualTo(1); // FAR 1e-6 is not sample-limited
        for (int cap : new int[] {1, 7, 500, 200_000}) {
            int[] passes = new int[1];
            VerificationResult got = search(x, labels, 100, cap, FARS, passes);
            assertThat(got.operatingPoints()).as("cap %d", cap).isEqualTo(expected.operatingPoints());
            assertThat(got.genuineCount()).isEqualTo(expected.genuineCount());
            assertThat(got.impostorCount()).isEqualTo(expected.impostorCount());
            if (cap >= 200_000) {
                assertThat(passes[0]).isEqualTo(1);
                assertThat(got).isEqualTo(expected); // the ROC curve too
            } else {
                assertThat(passes[0]).as("cap %d", cap).isGreaterThan(1);
            }
        }
    }

    @Test
    void heavyTiesAreResolvedWithoutKeepingThem() {
        // sign codes: every score is one of 65 levels (64-2h)/64, so a bracket narrows to one float shared by thousands
        Random r = new Random(3);
        int n = 600;
        float[] x = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 6;
            long code = r.nextLong();
            for (int b = 0; b < 64; b++) {
                x[i * 64 + b] = ((code >>> b) & 1) == 1 ? 0.125f : -0.125f;
            }
        }
        FeatureMatrix m = FeatureMatrix.fromRowMajor(n, 64, x);
        List<Double> fars = List.of(1e-4, 1e-3, 0.01, 0.3, 0.6);
        VerificationResult expected = AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(64).build().evaluate(m, labels);
        int[] passes = new int[1];
        VerificationResult got = search(m, labels, 64, 5, fars, passes);
        assertThat(got.operatingPoints()).isEqualTo(expected.operatingPoints());
        assertThat(passes[0]).isGreaterThan(1);
    }

    @Test
    void summariesMergeToTheSameResultInAnySplitAndSurviveSerialization() throws Exception {
        int[] labels = new int[400];
        FeatureMatrix x = ClusteredEmbeddings.of(8, 40, 10, 16, 1.0f, labels);
        List<Double> fars = List.of(1e-3, 0.01);
        PairCounts counts = PairCounts.of(labels);
        int keep = (int) counts.keptImpostorScores(fars);
        VerificationResult expected = AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(50).build().evaluate(x, labels);
        // odd and even tiles in two summaries, one of them sent through Java serialization, merged the other way round
        PairScoreSummary odd = new PairScoreSummary(keep, 1 << 14);
        PairScoreSummary even = new PairScoreSummary(keep, 1 << 14);
        try (TiledCosineSimilarity sim = TiledCosineSimilarity.create(x, 50)) {
            int t = 0;
            for (int i = 0; i < sim.tileCount(); i++) {
                for (int j = i; j < sim.tileCount(); j++) {
                    (t++ % 2 == 0 ? even : odd).scan(sim.tile(i, j), labels);
                }
            }
        }
        PairScoreSummary copy = roundTrip(odd);
        assertThat(copy.genuineCount()).isEqualTo(odd.genuineCount());
        assertThat(copy.impostorCount()).isEqualTo(odd.impostorCount());
        assertThat(copy.merge(even).result(fars)).isEqualTo(expected);
        assertThatThrownBy(() -> new PairScoreSummary(keep, 1 << 14).merge(new PairScoreSummary(keep + 1, 1 << 14)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot merge");
    }

    @Test
    void aBlockTileIsTheGridTileBitForBit() {
        int[] labels = new int[301];
        FeatureMatrix x = ClusteredEmbeddings.of(1, 43, 7, 40, 0.7f, labels);
        try (TiledCosineSimilarity sim = TiledCosineSimilarity.create(x, 100)) {
            for (int[] t : new int[][] {{0, 0}, {0, 3}, {2, 3}, {3, 3}}) { // block 3 holds the last row alone
                int[] a = {t[0] * 100, Math.min(301, t[0] * 100 + 100)};
                int[] b = {t[1] * 100, Math.min(301, t[1] * 100 + 100)};
                float[] ra = new float[(a[1] - a[0]) * 40];
                float[] rb = new float[(b[1] - b[0]) * 40];
                x.copyRows(a[0], a[1], ra, 0);
                x.copyRows(b[0], b[1], rb, 0);
                try (TiledCosineSimilarity.Block ba = TiledCosineSimilarity.Block.upload(FeatureMatrix.fromRowMajor(a[1] - a[0], 40, ra), a[0]);
                     TiledCosineSimilarity.Block bb = TiledCosineSimilarity.Block.upload(FeatureMatrix.fromRowMajor(b[1] - b[0], 40, rb), b[0])) {
                    TiledCosineSimilarity.Tile expected = sim.tile(t[0], t[1]);
                    TiledCosineSimilarity.Tile got = TiledCosineSimilarity.tile(ba, bb);
                    assertThat(got.rowStart()).isEqualTo(expected.rowStart());
                    assertThat(got.colStart()).isEqualTo(expected.colStart());
                    assertThat(got.scores()).isEqualTo(expected.scores());
                }
            }
        }
        assertThatThrownBy(() -> TiledCosineSimilarity.Block.upload(FeatureMatrix.fromRowMajor(1, 2, new float[] {0, 0}), 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding row 17");
    }

    @Test
    void pairCountsAndTheirErrors() {
        PairCounts c = PairCounts.of(new int[] {1, 1, 2, 2, 2});
        assertThat(c.genuine()).isEqualTo(1 + 3);
        assertThat(c.impostors()).isEqualTo(6);
        assertThat(c.pairs()).isEqualTo(10);
        assertThat(c.keptImpostorScores(List.of(0.5, 0.2))).isEqualTo(4); // k = 3 for FAR 0.5
        assertThat(PairCounts.labelIds(List.of("b", "a", "b"))).containsExactly(0, 1, 0);
        assertThatThrownBy(() -> PairCounts.of(new int[] {1, 2, 3})).hasMessageContaining("no genuine pairs");
        assertThatThrownBy(() -> PairCounts.of(new int[] {4, 4})).hasMessageContaining("no impostor pairs");
        assertThatThrownBy(() -> ThresholdSearch.start(new PairScoreSummary(1, 16), List.of(0.1), 0)).hasMessageContaining("maxKept = 0");
    }

    private static PairScoreSummary roundTrip(PairScoreSummary s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PairScoreSummary) in.readObject();
        }
    }
}
