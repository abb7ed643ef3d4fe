package io.polyface.losses.regular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.polyface.core.testing.GcPressure;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.ArcFaceLoss;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FiniteDifferences;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.Heads;
import io.polyface.losses.reference.OneStep;
import io.polyface.losses.reference.Reference;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RegularFace against a brute-force double computation over all pairs, for several chunk sizes
 * and a larger C; its gradient against central differences; and the regularised loss.
 */
class RegularFaceTest {

    @Test
    void chunkedPenaltyEqualsBruteForceForEveryChunkSize() {
        double[][] w = randomCentres(23, 6, 7L);
        double expected = bruteForce(w);
        int[] nearest = bruteForceNearest(w);
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            for (int chunk : new int[] {1, 5, 22, 23, 100}) {
                RegularFace regularFace = RegularFace.builder().optChunkSize(chunk).build();
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray centres = Arrays2.create(manager, w, type);
                    double tolerance = type == DataType.FLOAT64 ? 1e-12 : 1e-6;
                    assertThat(Arrays2.scalar(regularFace.penalty(centres, manager)))
                            .as("chunk %d %s", chunk, type).isCloseTo(expected, within(tolerance));
                    assertThat(regularFace.nearestCentres(centres).toLongArray())
                            .containsExactly(Arrays.stream(nearest).asLongStream().toArray());
                }
            }
        }
    }

    @Test
    void largeClassCountInSmallChunksEqualsBruteForce() {
        double[][] w = randomCentres(3000, 16, 11L);
        RegularFace regularFace = RegularFace.builder().optChunkSize(256).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray centres = Arrays2.create(manager, w, DataType.FLOAT32);
            assertThat(Arrays2.scalar(regularFace.penalty(centres, manager))).isCloseTo(bruteForce(w), within(1e-5));
        }
    }

    @Test
    void gradientMatchesCentralDifferencesOfTheBruteForcePenalty() {
        double[][] w = randomCentres(9, 4, 3L);
        double[][] gradient;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray centres = Arrays2.create(manager, w, DataType.FLOAT64);
            centres.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(RegularFace.builder().optChunkSize(4).build().penalty(centres, manager));
            }
            gradient = Arrays2.toMatrix(centres.getGradient());
        }
        FiniteDifferences.assertGradient("dLr/dW", gradient, w, RegularFaceTest::bruteForce, 1e-6, 1e-7);
    }

    /** Gradients (centres and embeddings) are unchanged by a garbage collection between forward and backward. */
    @Test
    void regularisedGradientsSurviveAGarbageCollectionBeforeBackward() {
        float[][] calm = regularisedGradients(false);
        for (int trial = 0; trial < 3; trial++) {
            float[][] pressed = regularisedGradients(true);
            assertThat(pressed[0]).as("dL/dW, trial %d", trial).containsExactly(calm[0]);
            assertThat(pressed[1]).as("dL/dx, trial %d", trial).containsExactly(calm[1]);
        }
    }

    private static float[][] regularisedGradients(boolean pressure) {
        FixedBatch batch = new FixedBatch();
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, batch.centres, DataType.FLOAT32);
            RegularisedLoss loss = RegularisedLoss.builder().setLoss(ArcFaceLoss.builder().optLabelSmoothing(0.1).build())
                    .setCentres(head.getCentres()).setWeight(0.5).build();
            NDArray x = batch.embeddings(manager, DataType.FLOAT32);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList predictions = head.forward(new ParameterStore(manager, false), new NDList(x), true);
                NDArray value = loss.evaluate(new NDList(FixedBatch.labels(manager)), predictions);
                if (pressure) {
                    GcPressure.apply();
                }
                collector.backward(value);
            }
            return new float[][] {head.getCentres().getArray().getGradient().toFloatArray(), x.getGradient().toFloatArray()};
        }
    }

    @Test
    void zeroCentreGivesFiniteValueAndGradient() {
        double[][] w = {{1, 0}, {0, 0}, {0.5, 0.5}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray centres = Arrays2.create(manager, w, DataType.FLOAT32);
            centres.setRequiresGradient(true);
            NDArray penalty;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                penalty = RegularFace.builder().build().penalty(centres, manager);
                collector.backward(penalty);
            }
            assertThat(Arrays2.scalar(penalty)).isCloseTo((Math.sqrt(0.5) + 0 + Math.sqrt(0.5)) / 3, within(1e-6));
            for (double g : Arrays2.toVector(centres.getGradient())) {
                assertThat(g).isFinite();
            }
        }
    }

    @Test
    void regularisedLossAddsLambdaTimesThePenaltyAndOneStepLowersIt() {
        FixedBatch batch = new FixedBatch();
        double lambda = 2.0;
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, batch.centres, DataType.FLOAT64);
            ArcFaceLoss arcFace = ArcFaceLoss.builder().build();
            RegularisedLoss loss = RegularisedLoss.builder().setLoss(arcFace).setCentres(head.getCentres()).setWeight(lambda).build();
            NDList predictions = Heads.forward(head, batch.embeddings(manager, DataType.FLOAT64));
            NDList labels = new NDList(FixedBatch.labels(manager));
            double expected = Reference.crossEntropy(Reference.arcFace(batch.cosines(), FixedBatch.LABELS, 64, 0.5, false), FixedBatch.LABELS, 0)
                    + lambda * bruteForce(batch.centresAsDouble());
            assertThat(Arrays2.scalar(loss.evaluate(labels, predictions))).isCloseTo(expected, within(1e-9));
            assertThat(loss.getName()).isEqualTo("arcface+regularface");
        }
        MarginHead head = MarginHead.builder().setNumClasses(FixedBatch.C).setEmbeddingSize(FixedBatch.D).build();
        RegularisedLoss loss = RegularisedLoss.builder()
                .setLoss(ArcFaceLoss.builder().build()).setCentres(head.getCentres()).setWeight(10).build();
        OneStep.Result result = OneStep.run(head, head, loss, 1e-3f, null);
        assertThat(result.after()).isLessThan(result.before());
    }

    @Test
    void regularisedEvaluationsLeaveNoArraysBehindInTheParameterManager() {
        FixedBatch batch = new FixedBatch();
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, batch.centres, DataType.FLOAT32);
            RegularisedLoss loss = RegularisedLoss.builder()
                    .setLoss(ArcFaceLoss.builder().build()).setCentres(head.getCentres()).setWeight(1).build();
            int before = manager.getManagedArrays().size();
            for (int step = 0; step < 10; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDList predictions = head.forward(new ParameterStore(scope, false),
                                new NDList(batch.embeddings(scope, DataType.FLOAT32)), true);
                        collector.backward(loss.evaluate(new NDList(FixedBatch.labels(scope)), predictions));
                    }
                }
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> RegularFace.builder().optChunkSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkSize must be >= 1, got 0");
        MarginHead head = MarginHead.builder().setNumClasses(3).setEmbeddingSize(2).build();
        assertThatThrownBy(() -> RegularisedLoss.builder().setLoss(ArcFaceLoss.builder().build()).setCentres(head.getCentres()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> RegularisedLoss.builder().setCentres(head.getCentres()).setWeight(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss must be set");
        RegularisedLoss uninitialised = RegularisedLoss.builder()
                .setLoss(ArcFaceLoss.builder().build()).setCentres(head.getCentres()).setWeight(1).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(manager.zeros(new Shape(2, 3)));
            NDList labels = new NDList(manager.create(new long[] {0, 1}));
            assertThatThrownBy(() -> uninitialised.evaluate(labels, predictions))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("centres");
            assertThatThrownBy(() -> RegularFace.builder().build().penalty(manager.ones(new Shape(1, 4)), manager))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C >= 2");
        }
    }

    private static double[][] randomCentres(int classes, int dim, long seed) {
        Random random = new Random(seed);
        double[][] w = new double[classes][dim];
        for (double[] row : w) {
            for (int k = 0; k < dim; k++) {
                row[k] = (float) random.nextGaussian(); // float values: float32 and float64 see the same input
            }
        }
        return w;
    }

    /** {@code (1/C)·Σ_i max_{j≠i} cos(W_i, W_j)} over all pairs, in double. */
    static double bruteForce(double[][] w) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < w.length; j++) {
                if (j != i) {
                    best = Math.max(best, cosine(w[i], w[j]));
                }
            }
            total += best;
        }
        return total / w.length;
    }

    private static int[] bruteForceNearest(double[][] w) {
        int[] nearest = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < w.length; j++) {
                if (j != i && cosine(w[i], w[j]) > best) {
                    best = cosine(w[i], w[j]);
                    nearest[i] = j;
                }
            }
        }
        return nearest;
    }

    private static double cosine(double[] a, double[] b) {
        double na = Reference.norm(a);
        double nb = Reference.norm(b);
        return na == 0 || nb == 0 ? 0 : Reference.dot(a, b) / (na * nb);
    }
}
