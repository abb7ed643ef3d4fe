package io.polyface.aggregation;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link Aggregator} promises: bad sets rejected clearly, inputs untouched, both layouts equal. */
class AggregatorContractTest {

    static Stream<Aggregator> aggregators() {
        return Stream.of(
                MeanPooling.builder().build(),
                MeanPooling.builder().optNormalize(false).build(),
                Qan.builder().build(),
                Qan.builder().optNormalize(true).build(),
                QanPlusPlus.builder().build(),
                QanPlusPlus.builder().optNormalize(true).build(),
                IjbTemplate.builder().build(),
                IjbTemplate.builder().optNormalize(false).optFacenessWeighting(true).build());
    }

    private static float[] scores(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0.1f + 0.2f * i;
        }
        return s;
    }

    private static String[] media(int n) {
        String[] m = new String[n];
        for (int i = 0; i < n; i++) {
            m[i] = "m" + (i % 2);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void emptySetIsRejected(Aggregator a) {
        assertThatThrownBy(() -> a.aggregate(new float[0][], new float[0], new String[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> a.aggregate(new float[0], 0, 4, new float[0], new String[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> a.aggregate(null, scores(1), media(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames is null");
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void nonFiniteEmbeddingIsRejectedNamingFrameAndComponent(Aggregator a) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[][] f = {{1f, 2f, 3f}, {4f, 5f, 6f}, {7f, 8f, 9f}};
            f[2][1] = bad;
            assertThatThrownBy(() -> a.aggregate(f, scores(3), media(3)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("frame 2").hasMessageContaining("component 1").hasMessageContaining(String.valueOf(bad));
            assertThatThrownBy(() -> a.aggregate(TestSets.flatten(f), 3, 3, scores(3), media(3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 2").hasMessageContaining("component 1");
        }
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void nonFiniteValueInAFrameOfWeightZeroIsRejected(Aggregator a) {
        // score 0 on frame 0: QAN++ rescales it to weight 0 and faceness weighting multiplies it by 0
        float[][] f = {{1f, 2f, 3f}, {4f, 5f, 6f}, {7f, 8f, 9f}};
        f[0][2] = Float.NaN;
        float[] s = {0f, 0.3f, 0.5f};
        assertThatThrownBy(() -> a.aggregate(f, s, media(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 0").hasMessageContaining("component 2");
        assertThatThrownBy(() -> a.aggregate(TestSets.flatten(f), 3, 3, s, media(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 0").hasMessageContaining("component 2");
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void nonFiniteEmbeddingIsReportedBeforeBadScoresOrMediaIds(Aggregator a) {
        float[][] f = {{1f, 2f}, {Float.POSITIVE_INFINITY, 4f}, {0f, 0f}};
        assertThatThrownBy(() -> a.aggregate(f, new float[] {Float.NaN}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1").hasMessageContaining("component 0");
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void resultsDoNotDependOnEarlierCallsOnTheSameThread(Aggregator a) {
        Random rnd = new Random(53);
        float[][] small = TestSets.randomFrames(rnd, 3, 4);
        float[][] big = TestSets.randomFrames(rnd, 9, 11);
        float[] first = a.aggregate(small, scores(3), media(3));
        float[] bigFirst = a.aggregate(big, scores(9), media(9));
        assertThat(a.aggregate(small, scores(3), media(3))).containsExactly(first);
        assertThatThrownBy(() -> a.aggregate(new float[][] {{1f, Float.NaN}}, scores(1), media(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(a.aggregate(big, scores(9), media(9))).containsExactly(bigFirst);
        assertThat(a.aggregate(small, scores(3), media(3))).containsExactly(first);
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void malformedFramesAreRejected(Aggregator a) {
        assertThatThrownBy(() -> a.aggregate(new float[][] {{1f, 2f}, {3f}}, scores(2), media(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames[1] has length 1").hasMessageContaining("d = 2");
        assertThatThrownBy(() -> a.aggregate(new float[][] {{1f, 2f}, null}, scores(2), media(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames[1] is null");
        assertThatThrownBy(() -> a.aggregate(new float[][] {{}}, scores(1), media(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 0");
        assertThatThrownBy(() -> a.aggregate(new float[5], 2, 3, scores(2), media(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 5").hasMessageContaining("2 * 3 = 6");
        assertThatThrownBy(() -> a.aggregate(new float[6], 2, 0, scores(2), media(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void inputsAreNeverModified(Aggregator a) {
        Random rnd = new Random(41);
        float[][] f = TestSets.randomFrames(rnd, 6, 5);
        float[] s = scores(6);
        String[] m = media(6);
        float[][] fCopy = TestSets.deepCopy(f);
        float[] flat = TestSets.flatten(f);
        float[] flatCopy = flat.clone();
        float[] sCopy = s.clone();
        String[] mCopy = m.clone();

        a.aggregate(f, s, m);
        a.aggregate(flat, 6, 5, s, m);

        assertThat(f).isDeepEqualTo(fCopy);
        assertThat(flat).containsExactly(flatCopy);
        assertThat(s).containsExactly(sCopy);
        assertThat(m).containsExactly(mCopy);
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void rowsAndRowMajorLayoutsGiveIdenticalResults(Aggregator a) {
        Random rnd = new Random(43);
        for (int n = 1; n <= 5; n++) {
            float[][] f = TestSets.randomFrames(rnd, n, 7);
            float[] fromRows = a.aggregate(f, scores(n), media(n));
            float[] fromFlat = a.aggregate(TestSets.flatten(f), n, 7, scores(n), media(n));
            assertThat(fromFlat).containsExactly(fromRows);
            assertThat(fromRows).isNotSameAs(f[0]).hasSize(7);
        }
    }

    @ParameterizedTest
    @MethodSource("aggregators")
    void normaliseOptionGivesAUnitVectorWhenOn(Aggregator a) {
        Random rnd = new Random(47);
        float[] v = a.aggregate(TestSets.randomFrames(rnd, 4, 33), scores(4), media(4));
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        if (a.normalize()) {
            assertThat(Math.sqrt(s)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        } else if (a instanceof MeanPooling) {
            assertThat(Math.sqrt(s)).isLessThan(1.0); // the mean of unit vectors that disagree
        }
    }
}
