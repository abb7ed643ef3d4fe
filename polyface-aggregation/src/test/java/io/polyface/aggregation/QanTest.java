package io.polyface.aggregation;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static io.polyface.aggregation.TestSets.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** QAN: μ_i = sigmoid(s_i), R = Σ μ_i f_i / Σ μ_i (Liu et al., CVPR 2017; spec, Aggregation, "QAN"). */
class QanTest {

    private static double sigmoid(double s) {
        return 1.0 / (1.0 + Math.exp(-s));
    }

    /** The formula as written, in double precision. */
    private static double[] expected(float[][] f, float[] s) {
        double[] mu = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            mu[i] = sigmoid(s[i]);
        }
        return TestSets.weightedMean(f, mu);
    }

    @Test
    void handMadeSetIsTheSigmoidWeightedMean() {
        // scores 0 and ln 3: sigmoid 1/2 and 3/4, so weights 2/5 and 3/5
        float[][] f = {{1f, 0f, 2f}, {0f, 1f, -2f}};
        float[] s = {0f, (float) Math.log(3)};
        float[] v = Qan.builder().build().aggregate(f, s);
        assertClose(v, new double[] {0.4, 0.6, -0.4}, 1e-7);
        assertClose(v, expected(f, s), 1e-7);
    }

    @Test
    void matchesAnIndependentDoubleComputationOnRandomSets() {
        TestSets.assertMatchesOnRandomScoredSets(new Random(5), 1, 10, 30, -6f, 6f, Qan.builder().build(),
                Qan.builder().optNormalize(true).build(), QanTest::expected);
    }

    @Test
    void equalScoresGiveTheArithmeticMean() {
        Random rnd = new Random(8);
        float[][] f = TestSets.randomFrames(rnd, 5, 12);
        for (float s : new float[] {-3f, 0f, 7.5f, -1000f}) {
            assertClose(Qan.builder().build().aggregate(f, new float[] {s, s, s, s, s}), TestSets.arithmeticMean(f), 1e-7);
        }
    }

    @Test
    void scoresWhoseSigmoidUnderflowsStillGiveTheLimitWeights() {
        // sigmoid(-1000) is 0 in floating point; the weights are the limit e^{s_i} / Σ e^{s_j}
        float[][] f = {{1f, 0f}, {0f, 1f}};
        float[] v = Qan.builder().build().aggregate(f, new float[] {-1000f, -1001f});
        double w0 = 1 / (1 + Math.exp(-1));
        assertClose(v, new double[] {w0, 1 - w0}, 1e-7);
    }

    @Test
    void oneFrameIsReturnedWhateverItsScore() {
        float[][] f = {{0.5f, -2f}};
        for (float s : new float[] {-50f, 0f, 50f}) {
            assertThat(Qan.builder().build().aggregate(f, new float[] {s})).containsExactly(0.5f, -2f);
        }
    }

    @Test
    void duplicatingEveryFrameLeavesTheResultUnchanged() {
        TestSets.assertDuplicationInvariantOnScoredSets(Qan.builder().build(), new Random(21), 1, 7, 10, -4f, 4f);
    }

    @Test
    void scoresAreRequired() {
        float[][] f = {{1f}, {2f}};
        assertThatThrownBy(() -> Qan.builder().build().aggregate(f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qualityScores is null");
        assertThatThrownBy(() -> Qan.builder().build().aggregate(f, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 1").hasMessageContaining("n = 2");
        assertThat(Qan.builder().build().requiresQualityScores()).isTrue();
    }

    @Test
    void defaultIsTheUnnormalisedFormula() {
        assertThat(Qan.builder().build().normalize()).isFalse();
        assertThat(Qan.builder().build().method()).isEqualTo(AggregationMethod.QAN);
    }
}
