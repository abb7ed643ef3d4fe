package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.Heads;
import io.polyface.losses.reference.LossCase;
import io.polyface.losses.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logits and loss values of every loss on the fixed batch (B = 4, C = 7, d = 5), computed from the
 * embeddings and centres through {@link MarginHead}, against the independent double-precision
 * reference of {@link Reference}; float32 and float64, with and without label smoothing, with the
 * running state untouched (no gradient recording) and updated (inside a gradient collector).
 */
class MarginLossValuesTest {

    private static final FixedBatch BATCH = new FixedBatch();

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (LossCase c : LossCase.all()) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                for (double epsilon : new double[] {0, 0.1}) {
                    out.add(Arguments.of(c, type, epsilon));
                }
            }
        }
        return out;
    }

    @Test
    void fixedBatchCoversEasyFallbackAndHardCases() {
        double[][] c = BATCH.cosines();
        int[] y = FixedBatch.LABELS;
        assertThat(c[0][y[0]]).as("easy sample").isGreaterThan(0.95);
        assertThat(c[1][y[1]]).as("ArcFace fallback sample").isLessThan(Math.cos(Math.PI - 0.5));
        int hardNegatives = 0;
        for (int i = 0; i < FixedBatch.B; i++) {
            for (int j = 0; j < FixedBatch.C; j++) {
                if (j != y[i] && c[i][j] > c[i][y[i]] - 0.35) {
                    hardNegatives++;
                }
            }
        }
        assertThat(hardNegatives).as("negatives above the CosFace target").isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0} {1} eps={2}")
    @MethodSource("cases")
    @SuppressWarnings("try") // the collector is opened only to switch gradient recording on
    void logitsAndLossMatchTheDoubleReference(LossCase lossCase, DataType type, double epsilon) {
        double logitTolerance = type == DataType.FLOAT64 ? 1e-9 : 2e-3;
        double lossTolerance = type == DataType.FLOAT64 ? 1e-9 : 1e-4;
        double[][] c = BATCH.cosines();
        int[] y = FixedBatch.LABELS;
        double[] norms = BATCH.norms();
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, BATCH.centres, type);
            NDList predictions = Heads.forward(head, BATCH.embeddings(manager, type));
            NDArray labels = FixedBatch.labels(manager);

            MarginLoss loss = lossCase.create(epsilon);
            double[][] expectedBefore = lossCase.reference().logits(c, y, norms, null);
            assertClose(Arrays2.toMatrix(loss.logits(predictions, labels)), expectedBefore, logitTolerance);
            // outside a gradient collector the state does not move: evaluate twice, same value
            double expectedLoss = Reference.crossEntropy(expectedBefore, y, epsilon);
            for (int repeat = 0; repeat < 2; repeat++) {
                double value = Arrays2.scalar(loss.evaluate(new NDList(labels), predictions));
                assertThat(value).isCloseTo(expectedLoss, within(lossTolerance * Math.max(1, expectedLoss)));
            }

            double[][] expectedTraining = lossCase.reference().logits(c, y, norms, c);
            double trainingValue;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                trainingValue = Arrays2.scalar(loss.evaluate(new NDList(labels), predictions));
            }
            double expectedTrainingLoss = Reference.crossEntropy(expectedTraining, y, epsilon);
            assertThat(trainingValue).isCloseTo(expectedTrainingLoss, within(lossTolerance * Math.max(1, expectedTrainingLoss)));
            // after the training step, logits use the updated state
            assertClose(Arrays2.toMatrix(loss.logits(predictions, labels)), expectedTraining, logitTolerance);
        }
    }

    static void assertClose(double[][] actual, double[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).as("logit [%d][%d]", i, j).isCloseTo(expected[i][j], within(tolerance));
            }
        }
    }
}
