package io.polyface.aggregation;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static io.polyface.aggregation.TestSets.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * QAN++: for n &gt; 2, q'_i = (q_i − min q)/(max q − min q); for n ≤ 2 the raw scores; v = Σ (q'_i/Σq') f_i
 * (Liu et al., ICCVW 2019; spec, Aggregation, "QAN++"), with PolyFace's documented edge cases.
 */
class QanPlusPlusTest {

    private final Aggregator qanpp = QanPlusPlus.builder().build();

    /** The min–max formula for n &gt; 2 scores that are not all equal, in double precision. */
    private static double[] minMaxExpected(float[][] f, float[] q) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float x : q) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] w = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            w[i] = (q[i] - min) / (max - min);
        }
        return TestSets.weightedMean(f, w);
    }

    @Test
    void handMadeSetOfThreeFramesIsMinMaxWeighted() {
        // scores 1, 2, 3 rescale to 0, 1/2, 1: weights 0, 1/3, 2/3
        float[][] f = {{1f, 0f}, {0f, 1f}, {1f, 1f}};
        float[] q = {1f, 2f, 3f};
        float[] v = qanpp.aggregate(f, q);
        assertClose(v, new double[] {2.0 / 3, 1.0}, 1e-7);
        assertClose(v, minMaxExpected(f, q), 1e-7);
    }

    @Test
    void minMaxRescalingIgnoresScoreOffsetAndScale() {
        float[][] f = {{1f, 0f}, {0f, 1f}, {1f, 1f}};
        float[] v = qanpp.aggregate(f, new float[] {-7f, -3f, 1f}); // 2·(1, 2, 3) − 9
        assertClose(v, new double[] {2.0 / 3, 1.0}, 1e-7);
    }

    @Test
    void matchesAnIndependentDoubleComputationOnRandomSets() {
        TestSets.assertMatchesOnRandomScoredSets(new Random(13), 3, 12, 50, -2f, 5f, qanpp,
                QanPlusPlus.builder().optNormalize(true).build(), QanPlusPlusTest::minMaxExpected);
    }

    @Test
    void equalScoresGiveTheArithmeticMeanForEverySetSize() {
        Random rnd = new Random(17);
        for (int n = 1; n <= 8; n++) {
            float[][] f = TestSets.randomFrames(rnd, n, 9);
            for (float s : new float[] {-2.5f, 0f, 0.7f, 1e30f}) {
                float[] q = new float[n];
                java.util.Arrays.fill(q, s);
                assertClose(qanpp.aggregate(f, q), TestSets.arithmeticMean(f), 1e-7);
            }
        }
    }

    @Test
    void oneFrameIsReturnedWhateverItsScore() {
        float[][] f = {{2f, -1f, 0.25f}};
        for (float s : new float[] {-4f, 0f, 3f}) {
            assertThat(qanpp.aggregate(f, new float[] {s})).containsExactly(2f, -1f, 0.25f);
        }
    }

    @Test
    void twoFramesUseTheRawScores() {
        // raw scores 2 and 6: weights 1/4 and 3/4 (min–max would give 0 and 1)
        float[][] f = {{4f, 0f}, {0f, 8f}};
        assertClose(qanpp.aggregate(f, new float[] {2f, 6f}), new double[] {1.0, 6.0}, 1e-7);
    }

    @Test
    void twoFramesWithANegativeScoreClampItToZero() {
        float[][] f = {{4f, 0f}, {0f, 8f}};
        // raw weights would be −1/2 and 3/2, outside the segment; clamped: 0 and 1
        assertThat(qanpp.aggregate(f, new float[] {-1f, 3f})).containsExactly(0f, 8f);
        assertThat(qanpp.aggregate(f, new float[] {0f, 3f})).containsExactly(0f, 8f);
    }

    @Test
    void twoFramesWithNoPositiveScoreGiveTheArithmeticMean() {
        float[][] f = {{4f, 0f}, {0f, 8f}};
        for (float[] q : new float[][] {{-2f, -5f}, {0f, 0f}, {0f, -1f}, {-3f, 3f - 6f}}) {
            assertClose(qanpp.aggregate(f, q), new double[] {2.0, 4.0}, 1e-7);
        }
    }

    @Test
    void duplicatingEveryFrameLeavesTheResultUnchangedForMoreThanTwoFrames() {
        TestSets.assertDuplicationInvariantOnScoredSets(qanpp, new Random(29), 3, 9, 12, -1f, 1f);
    }

    @Test
    void duplicatingTwoFramesSwitchesToMinMaxAsDocumented() {
        // {a, b} with scores 1, 3 → weights 1/4, 3/4; {a, a, b, b} is min–max rescaled → 0, 0, 1/2, 1/2
        float[][] f = {{1f, 0f}, {0f, 1f}};
        float[] q = {1f, 3f};
        assertClose(qanpp.aggregate(f, q), new double[] {0.25, 0.75}, 1e-7);
        assertClose(qanpp.aggregate(TestSets.duplicate(f), TestSets.duplicate(q)), new double[] {0.0, 1.0}, 1e-7);
    }

    @Test
    void nonFiniteScoreIsRejectedNamingTheFrame() {
        float[][] f = {{1f}, {2f}, {3f}};
        assertThatThrownBy(() -> qanpp.aggregate(f, new float[] {1f, Float.NaN, 2f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1").hasMessageContaining("NaN");
        assertThatThrownBy(() -> qanpp.aggregate(f, new float[] {1f, 2f, Float.NEGATIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 2").hasMessageContaining("Infinity");
    }

    @Test
    void defaultDoesNotNormaliseAsTheReleasedCode() {
        assertThat(qanpp.normalize()).isFalse();
        assertThat(qanpp.requiresQualityScores()).isTrue();
        assertThat(qanpp.method()).isEqualTo(AggregationMethod.QANPP);
    }
}
