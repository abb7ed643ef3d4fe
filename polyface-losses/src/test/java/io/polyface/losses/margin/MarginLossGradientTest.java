package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.polyface.core.testing.GcPressure;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FiniteDifferences;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.LossCase;
import io.polyface.losses.reference.Reference;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference gradient checks of every loss in double precision: DJL's autograd gradient of
 * {@code evaluate} with respect to the cosine matrix (float64 NDArrays, inside a gradient
 * collector, label smoothing 0.1) against central differences of the independent reference loss
 * written in plain Java doubles. Running state is held at the value the training step used, as it
 * is a constant for back-propagation.
 */
class MarginLossGradientTest {

    private static final FixedBatch BATCH = new FixedBatch();
    private static final double H = 1e-6;

    static List<LossCase> cases() {
        return LossCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void autogradMatchesCentralDifferencesOfTheReference(LossCase lossCase) {
        double epsilon = 0.1;
        double[][] c = BATCH.cosines();
        int[] y = FixedBatch.LABELS;
        double[] norms = BATCH.norms();
        double[][] gradient;
        double[] normGradient;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, c, DataType.FLOAT64);
            NDArray normArray = manager.create(norms);
            cosine.setRequiresGradient(true);
            normArray.setRequiresGradient(true);
            MarginLoss loss = lossCase.create(epsilon);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.evaluate(new NDList(FixedBatch.labels(manager)), new NDList(cosine, normArray));
                collector.backward(value);
            }
            gradient = Arrays2.toMatrix(cosine.getGradient());
            normGradient = Arrays2.toVector(normArray.getGradient());
        }
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[i].length; j++) {
                double fine = centralDifference(lossCase, c, y, norms, epsilon, i, j, H);
                double coarse = centralDifference(lossCase, c, y, norms, epsilon, i, j, 10 * H);
                assertThat(coarse).as("fixture is smooth around c[%d][%d] (no branch point within 1e-5)", i, j)
                        .isCloseTo(fine, within(1e-4 * (1 + Math.abs(fine))));
                assertThat(gradient[i][j]).as("dL/dc[%d][%d]", i, j)
                        .isCloseTo(fine, within(1e-6 * (1 + Math.abs(fine))));
            }
        }
        // the norm-aware loss stops the gradient through the norms, as its reference code does
        for (double g : normGradient) {
            assertThat(g).isZero();
        }
    }

    /**
     * Gradients do not change when a garbage collection and small native allocations happen between forward and
     * backward: no scalar the backward pass reads borrows freed Java memory ({@code io.polyface.core.nn.ScalarOps}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientSurvivesAGarbageCollectionBeforeBackward(LossCase lossCase) {
        double[][] calm = autogradGradient(lossCase, false);
        for (int trial = 0; trial < 3; trial++) {
            double[][] pressed = autogradGradient(lossCase, true);
            for (int i = 0; i < calm.length; i++) {
                assertThat(pressed[i]).as("dL/dc[%d] with a GC before backward, trial %d", i, trial).containsExactly(calm[i]);
            }
        }
    }

    private static double[][] autogradGradient(LossCase lossCase, boolean pressure) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, BATCH.cosines(), DataType.FLOAT32);
            NDArray normArray = manager.create(BATCH.norms()).toType(DataType.FLOAT32, false);
            cosine.setRequiresGradient(true);
            MarginLoss loss = lossCase.create(0.1);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.evaluate(new NDList(FixedBatch.labels(manager)), new NDList(cosine, normArray));
                if (pressure) {
                    GcPressure.apply();
                }
                collector.backward(value);
            }
            return Arrays2.toMatrix(cosine.getGradient().toType(DataType.FLOAT64, false));
        }
    }

    private static double centralDifference(
            LossCase lossCase, double[][] c, int[] y, double[] norms, double epsilon, int i, int j, double h) {
        return FiniteDifferences.central(c, i, j, h, p -> Reference.crossEntropy(lossCase.reference().logits(p, y, norms, c), y, epsilon));
    }
}
