package io.polyface.losses.head;

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
import io.polyface.losses.margin.ArcNegFaceLoss;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FiniteDifferences;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.Heads;
import io.polyface.losses.reference.Reference;
import org.junit.jupiter.api.Test;

/** The margin head: cosines and norms against a double reference, zero norms, shapes, memory, and gradients. */
class MarginHeadTest {

    private static final FixedBatch BATCH = new FixedBatch();

    @Test
    void cosinesAndNormsMatchTheDoubleReference() {
        double[][] expected = BATCH.cosines();
        double[] norms = BATCH.norms();
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double tolerance = type == DataType.FLOAT64 ? 1e-12 : 1e-6;
            try (NDManager manager = NDManager.newBaseManager()) {
                MarginHead head = Heads.withCentres(manager, BATCH.centres, type);
                NDList out = Heads.forward(head, BATCH.embeddings(manager, type));
                assertThat(out).hasSize(2);
                assertThat(out.get(MarginHead.COSINE).getShape()).isEqualTo(new Shape(FixedBatch.B, FixedBatch.C));
                assertThat(out.get(MarginHead.COSINE).getDataType()).isEqualTo(type);
                double[][] c = Arrays2.toMatrix(out.get(MarginHead.COSINE));
                double[] n = Arrays2.toVector(out.get(MarginHead.EMBEDDING_NORM));
                for (int i = 0; i < FixedBatch.B; i++) {
                    assertThat(n[i]).isCloseTo(norms[i], within(tolerance * norms[i]));
                    for (int j = 0; j < FixedBatch.C; j++) {
                        assertThat(c[i][j]).as("c[%d][%d]", i, j).isCloseTo(expected[i][j], within(tolerance));
                    }
                }
            }
        }
    }

    @Test
    void parameterShapesAndOutputShapes() {
        MarginHead head = MarginHead.builder().setNumClasses(7).setEmbeddingSize(5).build();
        assertThat(head.getCentres().getName()).isEqualTo(MarginHead.CENTRES);
        assertThat(head.getCentres().getShape()).isEqualTo(new Shape(7, 5));
        assertThat(head.getOutputShapes(new Shape[] {new Shape(32, 5)}))
                .containsExactly(new Shape(32, 7), new Shape(32));
        try (NDManager manager = NDManager.newBaseManager()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
            float[] w = head.getCentres().getArray().toFloatArray();
            double sumSquares = 0;
            for (float v : w) {
                sumSquares += v * v;
            }
            // the default normal(0, 0.01) initialiser: RMS well below 0.1 and above 0.001
            assertThat(Math.sqrt(sumSquares / w.length)).isBetween(0.001, 0.05);
        }
    }

    @Test
    void zeroEmbeddingsAndCentresGiveZeroCosinesNotNaN() {
        float[][] centres = {{1, 0, 0}, {0, 0, 0}, {0, 1, 0}};
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, centres, DataType.FLOAT32);
            NDArray x = manager.create(new float[] {0, 0, 0, 3, 4, 0}, new Shape(2, 3));
            NDList out = Heads.forward(head, x);
            double[][] c = Arrays2.toMatrix(out.get(MarginHead.COSINE));
            assertThat(c[0]).containsExactly(0, 0, 0); // zero embedding
            assertThat(c[1][1]).isZero(); // zero centre
            assertThat(c[1][0]).isCloseTo(0.6, within(1e-7));
            assertThat(c[1][2]).isCloseTo(0.8, within(1e-7));
            assertThat(Arrays2.toVector(out.get(MarginHead.EMBEDDING_NORM))[0]).isEqualTo(Cosines.NORM_EPSILON, within(1e-15));
        }
    }

    @Test
    void badShapesAndSettingsAreRejected() {
        assertThatThrownBy(() -> MarginHead.builder().setNumClasses(1).setEmbeddingSize(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numClasses must be >= 2, got 1");
        assertThatThrownBy(() -> MarginHead.builder().setNumClasses(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embeddingSize");
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, BATCH.centres, DataType.FLOAT32);
            assertThatThrownBy(() -> Heads.forward(head, manager.zeros(new Shape(4, 6))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[B, 5]").hasMessageContaining("(4, 6)");
            assertThatThrownBy(() -> Cosines.matrix(manager.zeros(new Shape(4, 6)), manager.zeros(new Shape(3, 5))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same embedding size");
        }
    }

    @Test
    void forwardAndLossLeaveNoArraysBehindInTheParameterManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, BATCH.centres, DataType.FLOAT32);
            ArcNegFaceLoss loss = ArcNegFaceLoss.builder().build();
            int before = manager.getManagedArrays().size();
            for (int step = 0; step < 10; step++) {
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = BATCH.embeddings(batch, DataType.FLOAT32);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDList predictions = head.forward(new ParameterStore(batch, false), new NDList(x), true);
                        collector.backward(loss.evaluate(new NDList(FixedBatch.labels(batch)), predictions));
                    }
                }
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void gradientsWithRespectToEmbeddingsAndCentresMatchCentralDifferences() {
        double[][] x = BATCH.embeddingsAsDouble();
        double[][] w = BATCH.centresAsDouble();
        int[] y = FixedBatch.LABELS;
        double epsilon = 0.1;
        double[][] gx;
        double[][] gw;
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, BATCH.centres, DataType.FLOAT64);
            NDArray xs = Arrays2.create(manager, x, DataType.FLOAT64);
            xs.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList predictions = head.forward(new ParameterStore(manager, false), new NDList(xs), true);
                NDArray value = ArcNegFaceLoss.builder().optLabelSmoothing(epsilon).build()
                        .evaluate(new NDList(FixedBatch.labels(manager)), predictions);
                collector.backward(value);
            }
            gx = Arrays2.toMatrix(xs.getGradient());
            gw = Arrays2.toMatrix(head.getCentres().getArray().getGradient());
        }
        double[][] c0 = Reference.cosines(x, w); // ArcNegFace's weights are constants from the unperturbed batch
        FiniteDifferences.assertGradient("dL/dx", gx, x, p -> loss(p, w, y, c0, epsilon), 1e-6, 1e-6);
        FiniteDifferences.assertGradient("dL/dW", gw, w, p -> loss(x, p, y, c0, epsilon), 1e-6, 1e-6);
    }

    private static double loss(double[][] x, double[][] w, int[] y, double[][] weightSource, double epsilon) {
        double[][] z = Reference.arcNegFace(Reference.cosines(x, w), y, 64, 0.5, 1.2, 2, weightSource);
        return Reference.crossEntropy(z, y, epsilon);
    }
}
