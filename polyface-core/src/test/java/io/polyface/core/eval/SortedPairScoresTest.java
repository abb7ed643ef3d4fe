package io.polyface.core.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Float-array pair scores sorted in place ({@link SortedPairScores}) against {@link VerificationScores} on the
 * same scores (exact operating points, ROC up to FAR 0.1), and the streaming nearest-ROC-point scan against a
 * direct transcription of scikit-learn's {@code roc_curve} plus InsightFace's {@code flipud} selection.
 */
class SortedPairScoresTest {

    private static final List<Double> FARS = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.3);

    /** Scores on a coarse grid, so that ties within and across the classes are common. */
    private static float[] scores(Random r, int n, double mean, double sd) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (Math.round((mean + sd * r.nextGaussian()) * 200) / 200.0);
        }
        return s;
    }

    private static SortedPairScores layout(float[] genuine, float[] impostor, int gap) {
        float[] all = new float[impostor.length + gap + genuine.length];
        Arrays.fill(all, Float.NaN); // the gap is never read
        System.arraycopy(impostor, 0, all, 0, impostor.length);
        System.arraycopy(genuine, 0, all, impostor.length + gap, genuine.length);
        return SortedPairScores.adopt(all, impostor.length, impostor.length + gap, genuine.length);
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void operatingPointsAndRocEqualTheDoublePrecisionScores() {
        Random r = new Random(3);
        for (int trial = 0; trial < 4; trial++) {
            float[] g = scores(r, 200 + r.nextInt(800), 0.5, 0.2);
            float[] i = scores(r, 20_000 + r.nextInt(30_000), 0.05, 0.12);
            VerificationResult expected = VerificationScores.of(widen(g), widen(i)).evaluate(FARS);
            VerificationResult got = layout(g.clone(), i.clone(), trial).evaluate(FARS);
            assertThat(got.operatingPoints()).isEqualTo(expected.operatingPoints());
            assertThat(got.genuineCount()).isEqualTo(g.length);
            assertThat(got.impostorCount()).isEqualTo(i.length);
            List<RocPoint> exactPart = expected.roc().points().stream().filter(p -> p.far() <= 0.1).toList();
            assertThat(got.roc().points().stream().filter(RocPoint::exact).filter(p -> p.far() <= 0.1).toList()).isEqualTo(exactPart);
            assertThat(got.roc().points().stream().filter(p -> !p.exact()).allMatch(p -> p.far() > 0.1)).isTrue();
        }
    }

    @Test
    void nearestRocPointsMatchScikitLearnWithInsightFaceTieRule() {
        Random r = new Random(5);
        for (int trial = 0; trial < 6; trial++) {
            float[] g = scores(r, 5 + r.nextInt(300), 0.45, 0.25);
            float[] i = scores(r, 50 + r.nextInt(3000), 0.1, 0.2);
            List<Double> targets = List.of(1e-3, 1e-2, 0.05, 0.1, 0.2, 0.5, 0.75);
            List<NearestRocPoint> got = layout(g.clone(), i.clone(), 0).nearestRocPoints(targets);
            VerificationScores doubles = VerificationScores.of(widen(g), widen(i));
            for (int t = 0; t < targets.size(); t++) {
                NearestRocPoint expected = sklearnNearest(widen(g), widen(i), targets.get(t));
                assertThat(got.get(t)).as("target %s", targets.get(t)).isEqualTo(expected);
                assertThat(doubles.nearestRocPoint(targets.get(t))).isEqualTo(expected);
            }
        }
    }

    /**
     * Above {@link SortedPairScores#SORT_ALL_BELOW} impostors only the part of them the questions need is sorted
     * (and more on demand, e.g. for a nearest point at FPR 0.75): the figures must not change.
     */
    @Test
    void partialSortingOfManyImpostorsGivesTheSameFigures() {
        Random r = new Random(8);
        float[] g = scores(r, 700, 0.45, 0.2);
        float[] i = scores(r, SortedPairScores.SORT_ALL_BELOW + 150_000, 0.05, 0.15);
        VerificationScores doubles = VerificationScores.of(widen(g), widen(i));
        SortedPairScores s = layout(g.clone(), i.clone(), 3);
        assertThat(s.evaluate(FARS).operatingPoints()).isEqualTo(doubles.evaluate(FARS).operatingPoints());
        List<Double> targets = List.of(1e-5, 1e-3, 0.05, 0.75, 0.2);
        List<NearestRocPoint> got = s.nearestRocPoints(targets);
        for (int t = 0; t < targets.size(); t++) {
            assertThat(got.get(t)).as("target %s", targets.get(t)).isEqualTo(doubles.nearestRocPoint(targets.get(t)));
        }
        SortedPairScores fresh = layout(g.clone(), i.clone(), 0); // nearest points first, before any evaluation
        assertThat(fresh.nearestRocPoints(List.of(1e-4, 1e-2))).containsExactly(doubles.nearestRocPoint(1e-4), doubles.nearestRocPoint(1e-2));
    }

    /**
     * sklearn.metrics.roc_curve(labels, scores) (drop_intermediate=True, origin prepended), then
     * InsightFace's selection: fpr, tpr = np.flipud(fpr), np.flipud(tpr); the first index of the minimum of
     * zip(|fpr - target|, index). Written as directly as the Python reads.
     */
    private static NearestRocPoint sklearnNearest(double[] genuine, double[] impostor, double target) {
        int n = genuine.length + impostor.length;
        double[][] byScore = new double[n][];
        for (int k = 0; k < genuine.length; k++) {
            byScore[k] = new double[] {genuine[k], 1};
        }
        for (int k = 0; k < impostor.length; k++) {
            byScore[genuine.length + k] = new double[] {impostor[k], 0};
        }
        Arrays.sort(byScore, (a, b) -> Double.compare(b[0], a[0]));
        List<double[]> curve = new ArrayList<>(); // fps, tps, threshold at each distinct score
        long fps = 0;
        long tps = 0;
        for (int k = 0; k < n; k++) {
            if (byScore[k][1] == 1) {
                tps++;
            } else {
                fps++;
            }
            if (k == n - 1 || byScore[k + 1][0] != byScore[k][0]) {
                curve.add(new double[] {fps, tps, byScore[k][0]});
            }
        }
        List<double[]> kept = new ArrayList<>();
        kept.add(new double[] {0, 0, Double.POSITIVE_INFINITY});
        for (int p = 0; p < curve.size(); p++) {
            boolean keep = p == 0 || p == curve.size() - 1 || curve.size() <= 2;
            if (!keep) {
                double[] a = curve.get(p - 1);
                double[] b = curve.get(p);
                double[] c = curve.get(p + 1);
                keep = c[0] - 2 * b[0] + a[0] != 0 || c[1] - 2 * b[1] + a[1] != 0;
            }
            if (keep) {
                kept.add(curve.get(p));
            }
        }
        java.util.Collections.reverse(kept); // np.flipud
        int best = 0;
        for (int p = 1; p < kept.size(); p++) {
            if (Math.abs(kept.get(p)[0] / impostor.length - target) < Math.abs(kept.get(best)[0] / impostor.length - target)) {
                best = p;
            }
        }
        double[] b = kept.get(best);
        return new NearestRocPoint(target, b[1] / genuine.length, b[0] / impostor.length, b[2]);
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> SortedPairScores.adopt(new float[] {0.1f, 0.2f}, 0, 0, 2)).hasMessageContaining("no impostor");
        assertThatThrownBy(() -> SortedPairScores.adopt(new float[] {0.1f, 0.2f}, 2, 2, 0)).hasMessageContaining("no genuine");
        assertThatThrownBy(() -> SortedPairScores.adopt(new float[] {0.1f, 0.2f}, 2, 1, 1)).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> SortedPairScores.adopt(new float[] {0.1f, Float.NaN}, 1, 1, 1))
                .hasMessageContaining("genuine score 0 is NaN");
        SortedPairScores s = SortedPairScores.adopt(new float[] {0.1f, 0.9f}, 1, 1, 1);
        assertThatThrownBy(() -> s.evaluate(List.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> s.evaluate(List.of(1.5))).hasMessageContaining("target FAR = 1.5");
        assertThatThrownBy(() -> s.nearestRocPoints(List.of(0.0))).hasMessageContaining("target FAR = 0.0");
    }
}
