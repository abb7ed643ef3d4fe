package io.polyface.aggregation;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static io.polyface.aggregation.TestSets.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IJB templates: mean per media id, sum over media, L2-normalise (spec, Aggregation, "IJB-B/C templates"). */
class IjbTemplateTest {

    private static final float[][] FRAMES = {{2f, 0f}, {0f, 2f}, {4f, 4f}, {-1f, 3f}};
    private static final String[] MEDIA = {"v1", "v1", "img7", "v1"};

    @Test
    void handMadeTemplateAveragesPerMediaThenSums() {
        // media v1: mean of (2,0), (0,2), (−1,3) = (1/3, 5/3); media img7: (4,4); sum (13/3, 17/3)
        float[] raw = IjbTemplate.builder().optNormalize(false).build().aggregate(FRAMES, null, MEDIA);
        assertClose(raw, new double[] {13.0 / 3, 17.0 / 3}, 1e-6);
        float[] unit = IjbTemplate.builder().build().aggregate(FRAMES, null, MEDIA);
        assertClose(unit, TestSets.l2normalise(new double[] {13.0 / 3, 17.0 / 3}), 1e-7);
    }

    @Test
    void facenessScoresWeightFramesBeforeTheMediaMeans() {
        float[] faceness = {0.5f, 1f, 0.25f, 0f};
        // weighted frames (1,0), (0,2), (1,1), (0,0); v1: mean of (1,0), (0,2), (0,0) = (1/3, 2/3); img7: (1,1)
        float[] raw = IjbTemplate.builder().optNormalize(false).optFacenessWeighting(true).build()
                .aggregate(FRAMES, faceness, MEDIA);
        assertClose(raw, new double[] {4.0 / 3, 5.0 / 3}, 1e-6);
    }

    @Test
    void mediaNormalisationSumsUnitMediaMeans() {
        // v1: mean of (2,0), (0,2), (-1,3) is (1,5)/3, unit (1,5)/sqrt(26); img7: (4,4), unit (1,1)/sqrt(2)
        double a = 1 / Math.sqrt(26);
        double b = 1 / Math.sqrt(2);
        float[] raw = IjbTemplate.builder().optNormalize(false).optNormalizeMedia(true).build().aggregate(FRAMES, null, MEDIA);
        assertClose(raw, new double[] {a + b, 5 * a + b}, 1e-6);
        // with faceness: v1 frames (1,0), (0,2), (0,0) -> unit (1,2)/sqrt(5); img7 (1,1) -> unit (1,1)/sqrt(2)
        float[] weighted = IjbTemplate.builder().optNormalize(false).optNormalizeMedia(true).optFacenessWeighting(true).build()
                .aggregate(FRAMES, new float[] {0.5f, 1f, 0.25f, 0f}, MEDIA);
        double c = 1 / Math.sqrt(5);
        assertClose(weighted, new double[] {c + b, 2 * c + b}, 1e-6);
        assertThatThrownBy(() -> IjbTemplate.builder().optNormalizeMedia(true).optFacenessWeighting(true).build()
                .aggregate(FRAMES, new float[] {1f, 1f, 0f, 1f}, MEDIA)).hasMessageContaining("media 'img7' is the zero vector");
        assertThat(IjbTemplate.builder().optNormalizeMedia(true).build().normalizeMedia()).isTrue();
    }

    @Test
    void matchesAnIndependentDoubleComputationOnRandomTemplates() {
        Random rnd = new Random(31);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(12);
            int d = 1 + rnd.nextInt(20);
            float[][] f = TestSets.randomFrames(rnd, n, d);
            String[] media = new String[n];
            for (int i = 0; i < n; i++) {
                media[i] = "m" + rnd.nextInt(4);
            }
            // brute force: for every distinct media, the mean of its frames
            double[] sum = new double[d];
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String m : media) {
                if (seen.add(m)) {
                    int count = 0;
                    double[] mean = new double[d];
                    for (int i = 0; i < n; i++) {
                        if (media[i].equals(m)) {
                            count++;
                            for (int j = 0; j < d; j++) {
                                mean[j] += f[i][j];
                            }
                        }
                    }
                    for (int j = 0; j < d; j++) {
                        sum[j] += mean[j] / count;
                    }
                }
            }
            assertClose(IjbTemplate.builder().build().aggregate(f, null, media), TestSets.l2normalise(sum), 2e-7);
        }
    }

    @Test
    void oneMediaGivesTheMeanAndDistinctMediaTheSum() {
        float[][] f = {{1f, 2f}, {3f, 6f}};
        Aggregator raw = IjbTemplate.builder().optNormalize(false).build();
        assertClose(raw.aggregate(f, null, new String[] {"a", "a"}), new double[] {2, 4}, 0);
        assertClose(raw.aggregate(f, null, new String[] {"a", "b"}), new double[] {4, 8}, 0);
        assertClose(raw.aggregate(new float[][] {{1f, 2f}}, null, new String[] {"a"}), new double[] {1, 2}, 0);
    }

    @Test
    void duplicatingEveryFrameWithItsMediaLeavesTheResultUnchanged() {
        Random rnd = new Random(37);
        for (boolean normalize : new boolean[] {true, false}) {
            Aggregator ijb = IjbTemplate.builder().optNormalize(normalize).build();
            for (int n = 1; n <= 6; n++) {
                float[][] f = TestSets.randomFrames(rnd, n, 8);
                String[] media = new String[n];
                for (int i = 0; i < n; i++) {
                    media[i] = "m" + rnd.nextInt(3);
                }
                TestSets.assertDuplicationInvariant(ijb, f, null, media, 1e-6);
            }
        }
    }

    @Test
    void mediaIdsAreRequiredOnePerFrame() {
        Aggregator ijb = IjbTemplate.builder().build();
        assertThat(ijb.requiresMediaIds()).isTrue();
        assertThatThrownBy(() -> ijb.aggregate(FRAMES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mediaIds is null");
        assertThatThrownBy(() -> ijb.aggregate(FRAMES, null, new String[] {"a", "b"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2").hasMessageContaining("n = 4");
        assertThatThrownBy(() -> ijb.aggregate(FRAMES, null, new String[] {"a", "b", null, "a"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mediaIds[2]");
    }

    @Test
    void facenessScoresAreCheckedOnlyWhenUsed() {
        Aggregator plain = IjbTemplate.builder().build();
        assertThat(plain.requiresQualityScores()).isFalse();
        assertThat(plain.aggregate(FRAMES, new float[] {Float.NaN}, MEDIA)).isEqualTo(plain.aggregate(FRAMES, null, MEDIA));

        Aggregator weighted = IjbTemplate.builder().optFacenessWeighting(true).build();
        assertThat(weighted.requiresQualityScores()).isTrue();
        assertThatThrownBy(() -> weighted.aggregate(FRAMES, new float[] {1f, -0.5f, 1f, 1f}, MEDIA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1").hasMessageContaining("negative");
        assertThatThrownBy(() -> weighted.aggregate(FRAMES, new float[] {1f, 1f, Float.POSITIVE_INFINITY, 1f}, MEDIA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 2");
        assertThatThrownBy(() -> weighted.aggregate(FRAMES, new float[] {0f, 0f, 0f, 0f}, MEDIA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero vector");
    }

    @Test
    void unnormalisedSumThatOverflowsFloatIsRejected() {
        float[][] big = {{3e38f}, {3e38f}};
        assertThatThrownBy(() -> IjbTemplate.builder().optNormalize(false).build().aggregate(big, null, new String[] {"a", "b"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
        // normalised, the same template is the unit vector
        assertThat(IjbTemplate.builder().build().aggregate(big, null, new String[] {"a", "b"})).containsExactly(1f);
    }
}
