package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.LossCase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad labels and bad inputs fail with an IllegalArgumentException that names them, for every loss. */
class LabelValidationTest {

    private static final double[][] COSINES = new FixedBatch().cosines();

    static List<LossCase> cases() {
        return LossCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void labelsOutsideTheClassRangeOrNotIntegersAreNamed(LossCase lossCase) {
        MarginLoss loss = lossCase.create(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = predictions(manager);
            assertRejected(loss, predictions, manager.create(new long[] {2, 5, -1, 6}), "label -1 at index 2", "[0, 7)");
            assertRejected(loss, predictions, manager.create(new long[] {2, 7, 0, 6}), "label 7 at index 1", "[0, 7)");
            assertRejected(loss, predictions, manager.create(new float[] {2, 5, 0, 2.5f}), "label 2.5 at index 3", "not an integer");
            assertRejected(loss, predictions, manager.create(new float[] {Float.NaN, 5, 0, 6}), "label NaN at index 0", "not an integer");
            assertRejected(loss, predictions, manager.create(new double[] {2, 5, 0, 1e9}), "label 1000000000 at index 3", "outside");
            assertRejected(loss, predictions, manager.create(new long[] {2, 5, 0}), "labels must be [4] or [4, 1]", "(3)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wholeNumberFloatLabelsAndColumnLabelsAreAccepted(LossCase lossCase) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = predictions(manager);
            double fromLongs = Arrays2.scalar(lossCase.create(0).evaluate(
                    new NDList(FixedBatch.labels(manager)), predictions));
            double fromFloats = Arrays2.scalar(lossCase.create(0).evaluate(
                    new NDList(manager.create(new float[] {2, 5, 0, 6})), predictions));
            double fromColumn = Arrays2.scalar(lossCase.create(0).evaluate(
                    new NDList(manager.create(new int[] {2, 5, 0, 6}, new Shape(4, 1))), predictions));
            assertThat(fromFloats).isCloseTo(fromLongs, within(1e-12));
            assertThat(fromColumn).isCloseTo(fromLongs, within(1e-12));
        }
    }

    @Test
    void badCosineMatricesAreRejected() {
        MarginLoss loss = ArcNegFaceLoss.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = FixedBatch.labels(manager);
            assertThatThrownBy(() -> loss.evaluate(new NDList(labels), new NDList(manager.zeros(new Shape(28)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[B, C]").hasMessageContaining("(28)");
            assertThatThrownBy(() -> loss.evaluate(new NDList(labels), new NDList(manager.zeros(new Shape(4, 7), DataType.INT32))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floating point");
            assertThatThrownBy(() -> loss.evaluate(new NDList(labels), new NDList()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cosine matrix");
        }
    }

    @Test
    void adaFaceNeedsTheEmbeddingNorms() {
        AdaFaceLoss loss = AdaFaceLoss.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, COSINES, DataType.FLOAT32);
            NDArray labels = FixedBatch.labels(manager);
            assertThatThrownBy(() -> loss.evaluate(new NDList(labels), new NDList(cosine)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding norms");
            assertThatThrownBy(() -> loss.logits(cosine, labels))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logits(cosine, norms, labels)");
            assertThatThrownBy(() -> loss.logits(cosine, manager.ones(new Shape(3)), labels))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4] or [4, 1]");
        }
    }

    private static NDList predictions(NDManager manager) {
        NDArray cosine = Arrays2.create(manager, COSINES, DataType.FLOAT64);
        return new NDList(cosine, manager.create(new FixedBatch().norms()));
    }

    private static void assertRejected(MarginLoss loss, NDList predictions, NDArray labels, String... fragments) {
        for (boolean viaEvaluate : new boolean[] {true, false}) {
            var thrown = assertThatThrownBy(() -> {
                if (viaEvaluate) {
                    loss.evaluate(new NDList(labels), predictions);
                } else {
                    loss.logits(predictions, labels);
                }
            }).isInstanceOf(IllegalArgumentException.class);
            for (String fragment : fragments) {
                thrown.hasMessageContaining(fragment);
            }
        }
    }
}
