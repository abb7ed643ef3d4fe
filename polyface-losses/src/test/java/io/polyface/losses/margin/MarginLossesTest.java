package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.polyface.losses.reference.Arrays2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The factory by field names, option parsing and errors, builder validation, and the documented equivalences. */
class MarginLossesTest {

    @Test
    void everyNameCreatesItsLossWithThePapersDefaults() {
        assertThat(MarginLosses.create("arcnegface")).isInstanceOf(ArcNegFaceLoss.class);
        assertThat(MarginLosses.create("arcface")).isInstanceOf(ArcFaceLoss.class);
        assertThat(MarginLosses.create("cosface")).isInstanceOf(CosFaceLoss.class);
        assertThat(MarginLosses.create("sphereface")).isInstanceOf(SphereFaceLoss.class);
        assertThat(MarginLosses.create("combined")).isInstanceOf(CombinedMarginLoss.class);
        assertThat(MarginLosses.create("curricularface")).isInstanceOf(CurricularFaceLoss.class);
        assertThat(MarginLosses.create("mv-softmax")).isInstanceOf(MvSoftmaxLoss.class);
        assertThat(MarginLosses.create("normface")).isInstanceOf(NormFaceLoss.class);
        assertThat(MarginLosses.create("softmax")).isInstanceOf(NormFaceLoss.class);
        assertThat(MarginLosses.create("adaface")).isInstanceOf(AdaFaceLoss.class);
        for (String name : MarginLosses.NAMES) {
            MarginLoss loss = MarginLosses.create(name);
            assertThat(loss.getName()).isEqualTo(name);
            assertThat(loss.labelSmoothing()).isZero();
        }
        ArcNegFaceLoss arcNeg = (ArcNegFaceLoss) MarginLosses.create("ArcNegFace");
        assertThat(new double[] {arcNeg.scale(), arcNeg.margin(), arcNeg.alpha(), arcNeg.sigma()})
                .containsExactly(64, 0.5, 1.2, 2);
        assertThat(((CosFaceLoss) MarginLosses.create("cosface")).margin()).isEqualTo(0.35);
        assertThat(((ArcFaceLoss) MarginLosses.create("arcface")).margin()).isEqualTo(0.5);
        assertThat(((SphereFaceLoss) MarginLosses.create("sphereface")).margin()).isEqualTo(4);
        CombinedMarginLoss combined = (CombinedMarginLoss) MarginLosses.create("combined");
        assertThat(new double[] {combined.m1(), combined.m2(), combined.m3()}).containsExactly(1.0, 0.3, 0.2);
        assertThat(((CurricularFaceLoss) MarginLosses.create("curricularface")).margin()).isEqualTo(0.5);
        MvSoftmaxLoss mv = (MvSoftmaxLoss) MarginLosses.create("mv-softmax");
        assertThat(new double[] {mv.scale(), mv.margin(), mv.t()}).containsExactly(32, 0.35, 0.2);
        AdaFaceLoss ada = (AdaFaceLoss) MarginLosses.create("adaface");
        assertThat(new double[] {ada.scale(), ada.margin(), ada.normMean(), ada.normStd()}).containsExactly(64, 0.4, 20, 100);
    }

    @Test
    void optionsAreParsedByName() {
        ArcFaceLoss arc = (ArcFaceLoss) MarginLosses.create("arcface",
                Map.of("margin", "0.45", "easy-margin", "true", "scale", "30", "Label-Smoothing", "0.1"));
        assertThat(arc.margin()).isEqualTo(0.45);
        assertThat(arc.easyMargin()).isTrue();
        assertThat(arc.scale()).isEqualTo(30);
        assertThat(arc.labelSmoothing()).isEqualTo(0.1);
        MvSoftmaxLoss mvArc = (MvSoftmaxLoss) MarginLosses.create("mv-softmax", Map.of("variant", "arc"));
        assertThat(mvArc.variant()).isEqualTo(MvSoftmaxLoss.Variant.ARC);
        assertThat(mvArc.margin()).isEqualTo(0.5);
        assertThat(((SphereFaceLoss) MarginLosses.create("sphereface", Map.of("margin", "3"))).margin()).isEqualTo(3);
        CombinedMarginLoss cm2 = (CombinedMarginLoss) MarginLosses.create("combined", Map.of("m1", "0.9", "m2", "0.4", "m3", "0.15"));
        assertThat(new double[] {cm2.m1(), cm2.m2(), cm2.m3()}).containsExactly(0.9, 0.4, 0.15);
    }

    /** A loss name and options that {@link MarginLosses#create} refuses, and what its message must name. */
    record BadRequest(String loss, Map<String, String> options, List<String> named) {
        @Override
        public String toString() {
            return loss + " " + options;
        }
    }

    static final List<BadRequest> BAD_REQUESTS = List.of(
            new BadRequest("arcfase", Map.of(), List.of("'arcfase'", "arcnegface", "adaface")),
            new BadRequest("cosface", Map.of("alpha", "1"), List.of("[alpha]", "cosface", "margin")),
            new BadRequest("arcnegface", Map.of("sigma", "wide"), List.of("'sigma'", "'wide'")),
            new BadRequest("arcface", Map.of("easy-margin", "yes"), List.of("true or false")),
            new BadRequest("mv-softmax", Map.of("variant", "cos"), List.of("am or arc")),
            new BadRequest("arcnegface", Map.of("sigma", "0"), List.of("sigma", "0.0")),
            new BadRequest("arcface", Map.of("label-smoothing", "1"), List.of("labelSmoothing")),
            new BadRequest("normface", Map.of("scale", "-1"), List.of("scale")),
            new BadRequest("sphereface", Map.of("margin", "4.5"), List.of("integer")));

    @ParameterizedTest
    @FieldSource("BAD_REQUESTS")
    void unknownNamesOptionsAndBadValuesAreNamed(BadRequest bad) {
        assertThatThrownBy(() -> MarginLosses.create(bad.loss(), bad.options()))
                .isInstanceOf(IllegalArgumentException.class)
                .message().contains(bad.named());
    }

    @Test
    void builderRangeErrorsNameTheSettingTheRangeAndTheValue() {
        assertThatThrownBy(() -> SphereFaceLoss.builder().optMargin(9).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin must be in [1.0, 8.0], got 9.0");
    }

    @Test
    void combinedMarginReducesToArcFaceAndCosFaceAndSoftmaxIsNormFace() {
        int n = 401;
        double[][] c = new double[n][3];
        for (int k = 0; k < n; k++) {
            c[k] = new double[] {-1 + 2.0 * k / (n - 1), 0.3, -0.7};
        }
        assertSameLogits(c, MarginLosses.create("combined", Map.of("m1", "1", "m2", "0.5", "m3", "0")),
                MarginLosses.create("arcface"));
        assertSameLogits(c, MarginLosses.create("combined", Map.of("m1", "1", "m2", "0", "m3", "0.35")),
                MarginLosses.create("cosface"));
        assertSameLogits(c, MarginLosses.create("softmax"), MarginLosses.create("normface"));
    }

    private static void assertSameLogits(double[][] c, MarginLoss a, MarginLoss b) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, c, DataType.FLOAT64);
            NDArray labels = manager.zeros(new Shape(c.length), DataType.INT64);
            double[][] za = Arrays2.toMatrix(a.logits(cosine, labels));
            double[][] zb = Arrays2.toMatrix(b.logits(cosine, labels));
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(za[i][j]).as("%s vs %s at c = %f", a.getName(), b.getName(), c[i][0])
                            .isCloseTo(zb[i][j], within(1e-9));
                }
            }
        }
    }
}
