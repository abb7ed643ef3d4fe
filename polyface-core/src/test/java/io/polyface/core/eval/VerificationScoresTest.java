package io.polyface.core.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact TAR@FAR from in-memory scores against the brute-force optimisation of {@link BruteForce}. */
class VerificationScoresTest {

    private static final double[] FARS = {1e-8, 1e-5, 1e-4, 3e-4, 1e-3, 0.01, 0.05, 0.1, 0.29, 0.5, 0.9};

    private static void assertMatchesBruteForce(double[] genuine, double[] impostor) {
        VerificationScores scores = VerificationScores.of(genuine, impostor);
        for (double far : FARS) {
            BruteForce.Expected e = BruteForce.tarAtFar(genuine, impostor, far);
            OperatingPoint p = scores.operatingPoint(far);
            assertThat(p.threshold()).as("threshold at FAR %s", far).isEqualTo(e.threshold());
            assertThat(p.genuineAccepted()).as("genuine accepted at FAR %s", far).isEqualTo(e.genuineAccepted());
            assertThat(p.impostorsAccepted()).as("impostors accepted at FAR %s", far).isEqualTo(e.impostorsAccepted());
            assertThat(p.impostorsAllowed()).isEqualTo(e.k());
            assertThat(p.tar()).isEqualTo(e.tar(genuine.length));
            assertThat(p.farAchieved()).isEqualTo((double) e.impostorsAccepted() / impostor.length).isLessThanOrEqualTo(far);
            assertThat(p.sampleLimited()).isEqualTo(e.k() == 0);
            assertThat(p.targetFar()).isEqualTo(far);
        }
    }

    @Test
    void randomScoresMatchBruteForce() {
        Random r = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            double[] g = new double[50 + r.nextInt(300)];
            double[] i = new double[500 + r.nextInt(5000)];
            Arrays.setAll(g, k -> 0.5 + 0.2 * r.nextGaussian());
            Arrays.setAll(i, k -> 0.1 * r.nextGaussian());
            assertMatchesBruteForce(g, i);
        }
    }

    @Test
    void heavyTiesMatchBruteForce() {
        Random r = new Random(12);
        double[] g = new double[400];
        double[] i = new double[3000];
        // scores on a 0.1 grid: hundreds of genuine and impostor scores share each value
        Arrays.setAll(g, k -> Math.round((0.4 + 0.3 * r.nextGaussian()) * 10) / 10.0);
        Arrays.setAll(i, k -> Math.round((0.1 + 0.3 * r.nextGaussian()) * 10) / 10.0);
        assertMatchesBruteForce(g, i);
        VerificationScores s = VerificationScores.of(g, i);
        // ties at the (k+1)-th impostor push the threshold above all of them: fewer than k accepted
        OperatingPoint p = s.operatingPoint(0.05);
        assertThat(p.impostorsAccepted()).isLessThan(p.impostorsAllowed());
        assertThat(Arrays.stream(i).filter(x -> x == p.threshold()).count()).isGreaterThan(1);
    }

    @Test
    void perfectlySeparatedScoresGiveFullTarAtEveryFar() {
        double[] g = {0.91, 0.95, 0.99, 0.92};
        double[] i = new double[1000];
        Arrays.setAll(i, k -> -0.5 + k / 1000.0);
        assertMatchesBruteForce(g, i);
        VerificationScores s = VerificationScores.of(g, i);
        for (double far : FARS) {
            assertThat(s.operatingPoint(far).tar()).isEqualTo(1.0);
        }
    }

    @Test
    void allImpostorsEqualAcceptNoImpostorAtAnyFar() {
        double[] g = {0.3, 0.3, 0.31, 0.5, 0.2};
        double[] i = new double[200];
        Arrays.fill(i, 0.3);
        assertMatchesBruteForce(g, i);
        VerificationScores s = VerificationScores.of(g, i);
        OperatingPoint p = s.operatingPoint(0.5);
        assertThat(p.impostorsAllowed()).isEqualTo(100);
        assertThat(p.impostorsAccepted()).isZero();
        assertThat(p.farAchieved()).isZero();
        assertThat(p.threshold()).isEqualTo(0.3);
        assertThat(p.genuineAccepted()).isEqualTo(2); // 0.31 and 0.5 are strictly above 0.3
        assertThat(p.tar()).isEqualTo(0.4);
    }

    @Test
    void veryFewImpostors() {
        double[] g = {0.2, 0.6, 0.9};
        double[] i = {0.5, 0.1, 0.7};
        assertMatchesBruteForce(g, i);
        VerificationScores s = VerificationScores.of(g, i);
        OperatingPoint half = s.operatingPoint(0.5); // k = 1: threshold = 2nd largest impostor 0.5
        assertThat(half.threshold()).isEqualTo(0.5);
        assertThat(half.tar()).isEqualTo(2.0 / 3);
        assertThat(half.farAchieved()).isEqualTo(1.0 / 3);
        assertThat(half.sampleLimited()).isFalse();
    }

    @Test
    void farBelowOneOverImpostorCountIsFlaggedSampleLimited() {
        double[] g = {0.2, 0.6, 0.9, 0.71};
        double[] i = {0.5, 0.1, 0.7};
        VerificationScores s = VerificationScores.of(g, i);
        OperatingPoint p = s.operatingPoint(0.3); // 0.3 * 3 = 0.9 -> k = 0
        assertThat(p.sampleLimited()).isTrue();
        assertThat(p.impostorsAllowed()).isZero();
        assertThat(p.threshold()).isEqualTo(0.7); // above every impostor
        assertThat(p.farAchieved()).isZero();
        assertThat(p.tar()).isEqualTo(0.5); // 0.9 and 0.71
        assertThat(s.operatingPoint(1e-8).sampleLimited()).isTrue();
    }

    @Test
    void allowedFalseAcceptsUsesTheDecimalProduct() {
        assertThat(ExactThreshold.allowedFalseAccepts(1e-8, 100_000_000L)).isEqualTo(1);
        assertThat(ExactThreshold.allowedFalseAccepts(0.29, 100)).isEqualTo(29); // binary 0.29*100 = 28.999999999999996
        assertThat(ExactThreshold.allowedFalseAccepts(1e-3, 2999)).isEqualTo(2);
        assertThat(ExactThreshold.allowedFalseAccepts(1e-8, 1_862_120L * 1_862_119L / 2)).isEqualTo(17_337);
    }

    @Test
    void nonFiniteScoresAndBadTargetsAreRefused() {
        assertThatThrownBy(() -> VerificationScores.of(new double[] {0.1, Double.NaN}, new double[] {0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genuine score 1 is NaN");
        assertThatThrownBy(() -> VerificationScores.of(new double[] {0.1}, new double[] {Double.NEGATIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impostor score 0 is -Infinity");
        assertThatThrownBy(() -> VerificationScores.of(new double[0], new double[] {0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no genuine scores");
        VerificationScores s = VerificationScores.of(new double[] {0.5}, new double[] {0.2});
        for (double bad : new double[] {0, 1, -0.1, Double.NaN, 2}) {
            assertThatThrownBy(() -> s.operatingPoint(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("far = " + bad);
        }
    }

    @Test
    void ofPairsSplitsByFlag() {
        VerificationScores s = VerificationScores.ofPairs(new double[] {0.9, 0.1, 0.8, 0.3}, new boolean[] {true, false, true, false});
        assertThat(s.genuineCount()).isEqualTo(2);
        assertThat(s.impostorCount()).isEqualTo(2);
        assertThat(s.operatingPoint(0.5).threshold()).isEqualTo(0.1);
    }

    @Test
    void rocPointsAreExactOperatingPointsAndMonotone() {
        Random r = new Random(13);
        double[] g = new double[300];
        double[] i = new double[20_000];
        Arrays.setAll(g, k -> 0.5 + 0.2 * r.nextGaussian());
        Arrays.setAll(i, k -> Math.round(100 * 0.1 * r.nextGaussian()) / 100.0);
        RocCurve roc = VerificationScores.of(g, i).roc();
        assertThat(roc.points()).hasSizeGreaterThan(20);
        RocPoint prev = null;
        for (RocPoint p : roc.points()) {
            assertThat(p.exact()).isTrue();
            assertThat(p.far()).isEqualTo((double) BruteForce.countAbove(i, p.threshold()) / i.length);
            assertThat(p.tar()).isEqualTo((double) BruteForce.countAbove(g, p.threshold()) / g.length);
            if (prev != null) {
                assertThat(p.far()).isGreaterThanOrEqualTo(prev.far());
                assertThat(p.tar()).isGreaterThanOrEqualTo(prev.tar());
            }
            prev = p;
        }
        assertThat(roc.points().get(roc.points().size() - 1).far()).isGreaterThan(0.5);
    }

    @Test
    void evaluateKeepsTheRequestedOrder() {
        VerificationResult res = VerificationScores.of(new double[] {0.9, 0.4}, new double[] {0.1, 0.5, 0.3, 0.2})
                .evaluate(List.of(0.5, 0.25));
        assertThat(res.genuineCount()).isEqualTo(2);
        assertThat(res.impostorCount()).isEqualTo(4);
        assertThat(res.operatingPoints()).extracting(OperatingPoint::targetFar).containsExactly(0.5, 0.25);
    }

    /**
     * The InsightFace-compatible point, worked by hand with scikit-learn's roc_curve semantics. Scores
     * (label): 0.9 G, 0.8 I, 0.7 I, 0.6 I, 0.5 G, 0.4 I. Cumulative (fps, tps): (0,1) (1,1) (2,1) (3,1)
     * (3,2) (4,2); drop_intermediate removes the collinear (1,1) and (2,1); with the origin prepended the
     * curve is fpr {0, 0, .75, .75, 1}, tpr {0, .5, .5, 1, 1}, thresholds {+inf, .9, .6, .5, .4}.
     * InsightFace's IJB scripts reverse it (np.flipud: fpr {1, .75, .75, 0, 0}, tpr {1, 1, .5, .5, 0}) and
     * take the first index of the smallest |fpr - target|, so among equally near points the one with the
     * largest TPR ("select largest tpr at same fpr") wins.
     */
    @Test
    void nearestRocPointFollowsScikitLearnRocCurveAndInsightFaceTieRule() {
        VerificationScores s = VerificationScores.of(new double[] {0.9, 0.5}, new double[] {0.8, 0.7, 0.6, 0.4});
        // target 0.25: the dropped point (0.25, 0.5) is gone; of the two nearest points (fpr 0) the one with tpr .5 wins
        assertThat(s.nearestRocPoint(0.25)).isEqualTo(new NearestRocPoint(0.25, 0.5, 0.0, 0.9));
        // target 0.5: fpr 0.75 (two points, distance .25) beats fpr 0 (distance .5); the larger tpr wins
        assertThat(s.nearestRocPoint(0.5)).isEqualTo(new NearestRocPoint(0.5, 1.0, 0.75, 0.5));
        // nearest point's FPR 0.75 exceeds the target 0.7, where the exact rule would accept at most 2 of 4
        assertThat(s.nearestRocPoint(0.7)).isEqualTo(new NearestRocPoint(0.7, 1.0, 0.75, 0.5));
        assertThat(s.operatingPoint(0.7).farAchieved()).isEqualTo(0.5);
        assertThat(s.nearestRocPoint(0.9)).isEqualTo(new NearestRocPoint(0.9, 1.0, 1.0, 0.4));
    }
}
