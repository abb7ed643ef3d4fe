package io.polyface.aggregation.ijb;

import io.polyface.aggregation.IjbTemplate;
import io.polyface.aggregation.QanPlusPlus;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.eval.ijb.TemplateFeatures;
import io.polyface.core.io.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Templates from protocol rows, against InsightFace's {@code image2template_feature} written out here in double
 * precision: (optionally L2-normalised) image features times detector scores, averaged per media, summed,
 * L2-normalised; missing images left out, a template without images listed as empty.
 */
class ProtocolTemplatesTest {

    // rows: template 7 = {r0 (media 1), r1 (media 1), r2 (media 2)}, template 3 = {r3 (media 5)}, template 9 = {r4 (media 6)}
    private static final float[][] X = {{3, 4}, {1, 0}, {0, 2}, {5, 5}, {1, 1}};
    private static final float[] DETECTOR = {0.5f, 1f, 0.25f, 0.9f, 0.8f};
    private static final float[] QUALITY = {2f, 0f, 1f, 0.3f, 0.1f};

    private static ProtocolImages rows() {
        return ProtocolImages.of(List.of("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"), new long[] {7, 7, 7, 3, 9}, new long[] {1, 1, 2, 5, 6},
                new float[50], DETECTOR);
    }

    private static ImageFeatures features(boolean[] embedded) {
        float[][] x = new float[X.length][];
        for (int i = 0; i < X.length; i++) {
            x[i] = embedded[i] ? X[i].clone() : new float[2];
        }
        return new ImageFeatures(FeatureMatrix.of(x), embedded, QUALITY.clone(), List.of());
    }

    private static final boolean[] ALL = {true, true, true, true, true};

    private static double[] unit(double... v) {
        double n = Math.hypot(v[0], v[1]);
        return new double[] {v[0] / n, v[1] / n};
    }

    private static void assertRow(TemplateFeatures t, long id, double[] expected) {
        float[] got = t.features().row(t.indexOf(id));
        assertThat((double) got[0]).isCloseTo(expected[0], within(1e-6));
        assertThat((double) got[1]).isCloseTo(expected[1], within(1e-6));
    }

    @Test
    void insightFaceDefaultWeightsRawFeaturesByDetectorScoreThenMediaMeansThenSum() {
        TemplateFeatures t = ProtocolTemplates.build(rows(), features(ALL), IjbEvaluationDefaults.RULE, false, "tid.txt");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.id(0)).isEqualTo(3); // ascending ids, as np.unique
        // template 7: media 1 = mean(0.5*(3,4), 1*(1,0)) = (1.25, 1); media 2 = 0.25*(0,2) = (0, .5); sum (1.25, 1.5)
        assertRow(t, 7, unit(1.25, 1.5));
        assertRow(t, 3, unit(1, 1));
        // norm-score off: image features L2-normalised first: (0.6, 0.8), (1, 0), (0, 1)
        TemplateFeatures n = ProtocolTemplates.build(rows(), features(ALL), IjbEvaluationDefaults.RULE, true, "tid.txt");
        // media 1 = mean(0.5*(.6,.8), (1,0)) = (0.65, 0.2); media 2 = 0.25*(0,1); sum (0.65, 0.45)
        assertRow(n, 7, unit(0.65, 0.45));
        // detector scores off: plain media means: media 1 = (2, 2), media 2 = (0, 2)
        TemplateFeatures plain = ProtocolTemplates.build(rows(), features(ALL), IjbTemplate.builder().build(), false, "tid.txt");
        assertRow(plain, 7, unit(2, 4));
    }

    @Test
    void missingImagesAreLeftOutAndEmptyTemplatesListed() {
        boolean[] some = {true, false, true, true, false};
        TemplateFeatures t = ProtocolTemplates.build(rows(), features(some), IjbEvaluationDefaults.RULE, false, "tid.txt");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.emptyIds()).containsExactly(9);
        assertThat(t.indexOf(9)).isEqualTo(TemplateFeatures.EMPTY);
        assertThat(t.indexOf(8)).isEqualTo(TemplateFeatures.UNKNOWN);
        // template 7 without b.jpg: media 1 = 0.5*(3,4), media 2 = (0, .5)
        assertRow(t, 7, unit(1.5, 2.5));
    }

    @Test
    void qanPlusPlusTakesTheQualityScores() {
        TemplateFeatures t = ProtocolTemplates.build(rows(), features(ALL), QanPlusPlus.builder().optNormalize(true).build(), false, "tid.txt");
        // three frames, quality 2, 0, 1 min-max rescaled to 1, 0, .5: (3,4) + .5*(0,2) = (3, 5) over 1.5
        assertRow(t, 7, unit(3, 5));
        ImageFeatures noQuality = new ImageFeatures(FeatureMatrix.of(X), ALL, null, List.of());
        assertThatThrownBy(() -> ProtocolTemplates.build(rows(), noQuality, QanPlusPlus.builder().build(), false, "tid.txt"))
                .hasMessageContaining("qanpp templates need a quality score per image");
        float[][] zero = {{0, 0}, {1, 0}, {0, 2}, {5, 5}, {1, 1}};
        assertThatThrownBy(() -> ProtocolTemplates.build(rows(), new ImageFeatures(FeatureMatrix.of(zero), ALL, null, List.of()),
                IjbEvaluationDefaults.RULE, true, "tid.txt")).hasMessageContaining("template 7, image a.jpg");
    }

    /** The evaluation's default rule, as one constant. */
    private static final class IjbEvaluationDefaults {
        static final IjbTemplate RULE = IjbEvaluation.insightFaceRule();
    }
}
