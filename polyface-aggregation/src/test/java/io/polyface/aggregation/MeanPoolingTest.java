package io.polyface.aggregation;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static io.polyface.aggregation.TestSets.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mean pooling: v = L2-normalise(Σ f_i / ||f_i||) (spec, Aggregation, "Mean pooling"). */
class MeanPoolingTest {

    private static final float[][] HAND_MADE = {{3f, 4f}, {0f, 2f}, {-1f, 0f}};

    @Test
    void handMadeSetIsTheNormalisedSumOfUnitFrames() {
        // unit frames (0.6, 0.8), (0, 1), (-1, 0): sum (-0.4, 1.8), norm sqrt(3.4)
        double norm = Math.sqrt(0.4 * 0.4 + 1.8 * 1.8);
        float[] v = MeanPooling.builder().build().aggregate(HAND_MADE);
        assertClose(v, new double[] {-0.4 / norm, 1.8 / norm}, 1e-7);
    }

    @Test
    void withoutNormalisationTheResultIsTheMeanOfUnitFrames() {
        float[] v = MeanPooling.builder().optNormalize(false).build().aggregate(HAND_MADE);
        assertClose(v, new double[] {-0.4 / 3, 1.8 / 3}, 1e-7);
    }

    @Test
    void matchesAnIndependentDoubleComputationOnRandomSets() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            float[][] f = TestSets.randomFrames(rnd, 1 + rnd.nextInt(9), 1 + rnd.nextInt(40));
            double[] sum = new double[f[0].length];
            for (float[] row : f) {
                double s = 0;
                for (float x : row) {
                    s += (double) x * x;
                }
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += row[j] / Math.sqrt(s);
                }
            }
            assertClose(MeanPooling.builder().build().aggregate(f), TestSets.l2normalise(sum), 2e-7);
        }
    }

    @Test
    void oneFrameGivesItsUnitVector() {
        float[] v = MeanPooling.builder().build().aggregate(new float[][] {{0f, -5f, 12f}});
        assertClose(v, new double[] {0, -5 / 13.0, 12 / 13.0}, 1e-7);
        float[] raw = MeanPooling.builder().optNormalize(false).build().aggregate(new float[][] {{0f, -5f, 12f}});
        assertClose(raw, new double[] {0, -5 / 13.0, 12 / 13.0}, 1e-7);
    }

    @Test
    void duplicatingEveryFrameLeavesTheResultUnchanged() {
        Random rnd = new Random(3);
        for (boolean normalize : new boolean[] {true, false}) {
            Aggregator mean = MeanPooling.builder().optNormalize(normalize).build();
            for (int n = 1; n <= 6; n++) {
                float[][] f = TestSets.randomFrames(rnd, n, 16);
                TestSets.assertDuplicationInvariant(mean, f, null, null, 1e-6);
            }
        }
    }

    @Test
    void qualityScoresAndMediaIdsAreIgnored() {
        Aggregator mean = MeanPooling.builder().build();
        assertThat(mean.aggregate(HAND_MADE, new float[] {9f, -3f, 0f}, new String[] {"a", "b", "c"}))
                .containsExactly(mean.aggregate(HAND_MADE));
        assertThat(mean.requiresQualityScores()).isFalse();
        assertThat(mean.requiresMediaIds()).isFalse();
    }

    @Test
    void zeroFrameIsRejectedNamingTheFrame() {
        assertThatThrownBy(() -> MeanPooling.builder().build().aggregate(new float[][] {{1f, 0f}, {0f, 0f}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame 1")
                .hasMessageContaining("zero vector");
    }

    @Test
    void framesThatCancelOutCannotBeNormalised() {
        float[][] opposite = {{1f, 2f}, {-1f, -2f}};
        assertThatThrownBy(() -> MeanPooling.builder().build().aggregate(opposite))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero vector");
        // without normalisation the mean of the unit frames is a defined zero vector
        assertThat(MeanPooling.builder().optNormalize(false).build().aggregate(opposite)).containsExactly(0f, 0f);
    }

    @Test
    void defaultNormalisesAsTheBaselineDoes() {
        assertThat(MeanPooling.builder().build().normalize()).isTrue();
        assertThat(MeanPooling.builder().build().method()).isEqualTo(AggregationMethod.MEAN);
    }
}
