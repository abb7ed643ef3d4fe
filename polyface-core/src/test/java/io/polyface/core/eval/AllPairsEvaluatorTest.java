package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.testing.LevelCounts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * All-pairs evaluation against brute force. Most sets are "sign embeddings": 64 entries of ±1/8 (times
 * a power of two), so every float32 cosine is exactly {@code (64 - 2·hamming)/64} whatever the
 * summation order of the matrix product, and the reference can count pairs per score level with
 * {@link Long#bitCount} — no floating point at all.
 */
class AllPairsEvaluatorTest {

    private static final List<Double> FARS = List.of(1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 0.5);

    /** A labelled set of 64-bit sign codes. */
    record SignSet(long[] codes, int[] labels) {
        FeatureMatrix embeddings(Random r) {
            float[] x = new float[codes.length * 64];
            for (int i = 0; i < codes.length; i++) {
                float scale = 0.125f * (1 << r.nextInt(5)); // normalisation is exact for power-of-two scales
                for (int b = 0; b < 64; b++) {
                    x[i * 64 + b] = ((codes[i] >>> b) & 1) == 1 ? scale : -scale;
                }
            }
            return FeatureMatrix.fromRowMajor(codes.length, 64, x);
        }

        /** counts[0][h] genuine and counts[1][h] impostor pairs at Hamming distance h, i.e. score (64-2h)/64. */
        long[][] levelCounts() {
            long[][] c = new long[2][65];
            for (int i = 0; i < codes.length; i++) {
                for (int j = i + 1; j < codes.length; j++) {
                    c[labels[i] == labels[j] ? 0 : 1][Long.bitCount(codes[i] ^ codes[j])]++;
                }
            }
            return c;
        }
    }

    /** Reference TAR@FAR over level counts: the smallest level threshold accepting at most k impostors. */
    private static void assertMatchesLevelCounts(VerificationResult res, long[][] counts, List<Double> fars) {
        long nGen = Arrays.stream(counts[0]).sum();
        long nImp = Arrays.stream(counts[1]).sum();
        assertThat(res.genuineCount()).isEqualTo(nGen);
        assertThat(res.impostorCount()).isEqualTo(nImp);
        for (int f = 0; f < fars.size(); f++) {
            double far = fars.get(f);
            long k = BruteForce.k(far, nImp);
            LevelCounts expected = LevelCounts.walk(counts, k);
            OperatingPoint p = res.operatingPoints().get(f);
            assertThat(p.targetFar()).isEqualTo(far);
            assertThat(p.threshold()).as("threshold at FAR %s", far).isEqualTo(expected.threshold());
            assertThat(p.impostorsAllowed()).as("k at FAR %s", far).isEqualTo(k);
            assertThat(p.impostorsAccepted()).as("impostors accepted at FAR %s", far).isEqualTo(expected.impostorsAccepted());
            assertThat(p.genuineAccepted()).as("genuine accepted at FAR %s", far).isEqualTo(expected.genuineAccepted());
            assertThat(p.tar()).isEqualTo((double) expected.genuineAccepted() / nGen);
            assertThat(p.farAchieved()).isEqualTo((double) expected.impostorsAccepted() / nImp);
            assertThat(p.sampleLimited()).isEqualTo(k == 0);
        }
    }

    private static SignSet clustered(Random r, int identities, int perIdentity, int maxFlips) {
        long[] codes = new long[identities * perIdentity];
        int[] labels = new int[codes.length];
        for (int c = 0; c < identities; c++) {
            long centre = r.nextLong();
            for (int m = 0; m < perIdentity; m++) {
                long code = centre;
                int flips = r.nextInt(maxFlips + 1);
                for (int f = 0; f < flips; f++) {
                    code ^= 1L << r.nextInt(64);
                }
                codes[c * perIdentity + m] = code;
                labels[c * perIdentity + m] = c;
            }
        }
        return new SignSet(codes, labels);
    }

    @Test
    void exactTarAtFarOneInAHundredMillion() {
        Random r = new Random(2019);
        SignSet set = clustered(r, 1420, 10, 14); // 14,200 embeddings: 100,749,000 impostor pairs
        List<Double> fars = List.of(1e-8, 3e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3);
        VerificationResult res = AllPairsEvaluator.builder().optTargetFars(fars).build()
                .evaluate(set.embeddings(r), set.labels());
        long[][] counts = set.levelCounts();
        assertThat(res.impostorCount()).isEqualTo(14_200L * 14_199 / 2 - 1420L * 45).isEqualTo(100_749_000L);
        assertMatchesLevelCounts(res, counts, fars);
        assertThat(res.operatingPoints().get(0).impostorsAllowed()).isEqualTo(1);
        assertThat(res.operatingPoints().get(0).sampleLimited()).isFalse();
    }

    @Test
    void tilingAndThreadCountDoNotChangeTheResult() {
        Random r = new Random(5);
        SignSet set = clustered(r, 37, 8, 20); // 296 embeddings, heavy ties over 65 score levels
        FeatureMatrix x = set.embeddings(r);
        long[][] counts = set.levelCounts();
        VerificationResult first = null;
        for (int tile : new int[] {7, 64, 296, 5000}) {
            for (int threads : new int[] {1, 3}) {
                VerificationResult res = AllPairsEvaluator.builder().optTargetFars(FARS).optTileSize(tile).optScanThreads(threads)
                        .build().evaluate(x, set.labels());
                assertMatchesLevelCounts(res, counts, FARS);
                if (first == null) {
                    first = res;
                } else {
                    assertThat(res).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void perfectlySeparatedSetHasFullTarAtEveryFar() {
        Random r = new Random(6);
        long[] codes = new long[200];
        int[] labels = new int[200];
        for (int c = 0; c < 40; c++) {
            long centre = r.nextLong();
            for (int m = 0; m < 5; m++) {
                codes[c * 5 + m] = centre; // genuine pairs score exactly 1, impostors below
                labels[c * 5 + m] = c;
            }
        }
        SignSet set = new SignSet(codes, labels);
        VerificationResult res = AllPairsEvaluator.builder().optTargetFars(FARS).build().evaluate(set.embeddings(r), labels);
        assertMatchesLevelCounts(res, set.levelCounts(), FARS);
        assertThat(res.operatingPoints()).allSatisfy(p -> assertThat(p.tar()).isEqualTo(1.0));
    }

    @Test
    void allImpostorsEqualAreNeverAccepted() {
        // identity c holds copies of the orthogonal unit vectors e_2c and e_2c+1: genuine scores 0 or 1, every impostor 0
        int identities = 8;
        float[][] x = new float[identities * 4][2 * identities];
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < identities; c++) {
            for (int m = 0; m < 4; m++) {
                x[c * 4 + m][2 * c + (m < 3 ? 0 : 1)] = 2.5f;
                labels.add("id" + c);
            }
        }
        VerificationResult res = AllPairsEvaluator.builder().optTargetFars(List.of(0.01, 0.5, 0.9)).build()
                .evaluate(FeatureMatrix.of(x), labels);
        assertThat(res.genuineCount()).isEqualTo(identities * 6L);
        assertThat(res.impostorCount()).isEqualTo(32L * 31 / 2 - identities * 6L);
        for (OperatingPoint p : res.operatingPoints()) {
            assertThat(p.threshold()).isEqualTo(0.0);
            assertThat(p.impostorsAccepted()).isZero();
            assertThat(p.farAchieved()).isZero();
            assertThat(p.tar()).isEqualTo(0.5); // per identity 3 of 6 genuine pairs (the three copies of e_2c) score 1
        }
    }

    @Test
    void veryFewImpostorsAndFarBelowOneOverImpostorCount() {
        float[][] x = {{1, 0}, {0.9f, 0.1f}, {0.8f, 0.3f}, {0.7f, 0.7f}, {0, 1}};
        List<String> labels = List.of("a", "a", "a", "a", "b");
        VerificationResult res = AllPairsEvaluator.builder().optTargetFars(List.of(0.2, 0.25, 0.5)).build()
                .evaluate(FeatureMatrix.of(x), labels);
        assertThat(res.genuineCount()).isEqualTo(6);
        assertThat(res.impostorCount()).isEqualTo(4);
        double[] gen = new double[6];
        double[] imp = new double[4];
        int g = 0;
        int i = 0;
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                double s = CosineSimilarity.cosine(x[a], x[b]);
                if (labels.get(a).equals(labels.get(b))) {
                    gen[g++] = s;
                } else {
                    imp[i++] = s;
                }
            }
        }
        OperatingPoint limited = res.operatingPoints().get(0); // 0.2 * 4 = 0.8 -> k = 0
        assertThat(limited.sampleLimited()).isTrue();
        assertThat(limited.farAchieved()).isZero();
        assertThat(limited.threshold()).isCloseTo(Arrays.stream(imp).max().orElseThrow(), org.assertj.core.data.Offset.offset(1e-6));
        for (int f = 0; f < 3; f++) {
            BruteForce.Expected e = BruteForce.tarAtFar(gen, imp, res.operatingPoints().get(f).targetFar());
            assertThat(res.operatingPoints().get(f).genuineAccepted()).isEqualTo(e.genuineAccepted());
            assertThat(res.operatingPoints().get(f).impostorsAccepted()).isEqualTo(e.impostorsAccepted());
        }
        assertThat(res.operatingPoints().get(1).sampleLimited()).isFalse(); // 0.25 * 4 = 1
    }

    /**
     * Continuous random embeddings: float32 products against double-precision scores, TAR@FAR read off the
     * sorted impostor scores. Float and double scores differ in the last bits, so the test first checks
     * that no score lies within 2e-6 of a reference threshold (the data is fixed by the seed), then
     * demands identical counts.
     */
    @Test
    void randomGaussianEmbeddingsMatchDoublePrecisionReference() {
        Random r = new Random(77);
        int identities = 40;
        int per = 6;
        int d = 32;
        float[][] x = new float[identities * per][d];
        int[] labels = new int[x.length];
        for (int c = 0; c < identities; c++) {
            float[] centre = new float[d];
            for (int k = 0; k < d; k++) {
                centre[k] = (float) r.nextGaussian();
            }
            for (int m = 0; m < per; m++) {
                for (int k = 0; k < d; k++) {
                    x[c * per + m][k] = centre[k] + 0.9f * (float) r.nextGaussian();
                }
                labels[c * per + m] = c;
            }
        }
        List<Double> gen = new ArrayList<>();
        List<Double> imp = new ArrayList<>();
        for (int a = 0; a < x.length; a++) {
            for (int b = a + 1; b < x.length; b++) {
                (labels[a] == labels[b] ? gen : imp).add(CosineSimilarity.cosine(x[a], x[b]));
            }
        }
        imp.sort(java.util.Comparator.reverseOrder());
        List<Double> fars = List.of(1e-4, 1e-3, 1e-2, 0.05);
        VerificationResult res = AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(100).build()
                .evaluate(FeatureMatrix.of(x), labels);
        assertThat(res.genuineCount()).isEqualTo(gen.size());
        assertThat(res.impostorCount()).isEqualTo(imp.size());
        for (int f = 0; f < fars.size(); f++) {
            long k = BruteForce.k(fars.get(f), imp.size());
            double t = imp.get((int) k); // the (k+1)-th largest impostor score
            long near = gen.stream().filter(s -> Math.abs(s - t) < 2e-6).count()
                    + imp.stream().filter(s -> s != t && Math.abs(s - t) < 2e-6).count();
            assertThat(near).as("scores within 2e-6 of the reference threshold (a near tie; the seed must avoid it)").isZero();
            OperatingPoint p = res.operatingPoints().get(f);
            assertThat(p.threshold()).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(p.genuineAccepted()).isEqualTo(gen.stream().filter(s -> s > t).count());
            assertThat(p.impostorsAccepted()).isEqualTo(imp.stream().filter(s -> s > t).count());
            assertThat(p.impostorsAllowed()).isEqualTo(k);
        }
    }

    @Test
    void rocPointsAreTrueRocPointsOfTheScores() {
        Random r = new Random(8);
        SignSet set = clustered(r, 100, 6, 24);
        long[][] counts = set.levelCounts();
        long nGen = Arrays.stream(counts[0]).sum();
        long nImp = Arrays.stream(counts[1]).sum();
        VerificationResult res = AllPairsEvaluator.builder().optTargetFars(List.of(1e-3)).build()
                .evaluate(set.embeddings(r), set.labels());
        List<RocPoint> points = res.roc().points();
        assertThat(points).anyMatch(RocPoint::exact).anyMatch(p -> !p.exact());
        RocPoint prev = null;
        for (RocPoint p : points) {
            // every threshold (exact: score > t; binned: score >= bin edge, and scores sit on exact levels) is a level cut
            long imp = 0;
            long gen = 0;
            for (int h = 0; h <= 64; h++) {
                double level = (64 - 2 * h) / 64.0;
                if (p.exact() ? level > p.threshold() : level >= p.threshold() - 1e-9) {
                    imp += counts[1][h];
                    gen += counts[0][h];
                }
            }
            assertThat(p.far()).as("FAR of %s", p).isEqualTo((double) imp / nImp);
            assertThat(p.tar()).as("TAR of %s", p).isEqualTo((double) gen / nGen);
            if (prev != null) {
                assertThat(p.far()).isGreaterThanOrEqualTo(prev.far());
                assertThat(p.tar()).isGreaterThanOrEqualTo(prev.tar());
            }
            prev = p;
        }
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        AllPairsEvaluator ev = AllPairsEvaluator.builder().optTargetFars(List.of(1e-3)).build();
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}});
        assertThatThrownBy(() -> ev.evaluate(x, List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 labels for 4 embeddings");
        assertThatThrownBy(() -> ev.evaluate(x, List.of("a", "b", "a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding row 3 is all zeros");
        FeatureMatrix nan = FeatureMatrix.of(new float[][] {{1, 0}, {Float.NaN, 1}});
        assertThatThrownBy(() -> ev.evaluate(nan, List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no impostor pairs");
        assertThatThrownBy(() -> ev.evaluate(nan, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no genuine pairs");
        FeatureMatrix three = FeatureMatrix.of(new float[][] {{1, 0}, {Float.NaN, 1}, {1, 2}});
        assertThatThrownBy(() -> ev.evaluate(three, List.of("a", "a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding row 1 holds NaN");
        AllPairsEvaluator greedy = AllPairsEvaluator.builder().optTargetFars(List.of(0.5)).optMaxKeptImpostorScores(1).build();
        assertThatThrownBy(() -> greedy.evaluate(FeatureMatrix.of(new float[][] {{1, 0}, {0, 1}, {1, 1}, {1, 2}}), List.of("a", "a", "b", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("optMaxKeptImpostorScores");
        assertThatThrownBy(() -> AllPairsEvaluator.builder().optTargetFars(List.of(1.0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target FAR = 1.0");
        assertThatThrownBy(() -> AllPairsEvaluator.builder().optTileSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tileSize = 0");
        assertThatThrownBy(() -> AllPairsEvaluator.builder().optScanThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scanThreads = 0");
    }

    @Test
    void progressReachesAllPairs() {
        Random r = new Random(9);
        SignSet set = clustered(r, 20, 5, 10);
        long[] last = new long[2];
        AllPairsEvaluator.builder().optTileSize(16).optTargetFars(List.of(0.01)).optProgress((done, total) -> {
            assertThat(done).isGreaterThan(last[0]);
            last[0] = done;
            last[1] = total;
        }).build().evaluate(set.embeddings(r), set.labels());
        assertThat(last[0]).isEqualTo(100L * 99 / 2).isEqualTo(last[1]);
    }
}
