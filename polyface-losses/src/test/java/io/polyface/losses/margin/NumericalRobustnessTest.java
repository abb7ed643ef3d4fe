package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.Heads;
import io.polyface.losses.reference.LossCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite values and gradients everywhere: a sweep of the target cosine over [−1, 1] (exactly ±1,
 * 0 and every loss's branch points included), negatives at ±1, cosines a rounding step outside
 * [−1, 1], zero and extreme embedding norms, and the head with embeddings equal or opposite to
 * their centre or zero. Also: the target logit is monotone in the target cosine.
 */
class NumericalRobustnessTest {

    static List<LossCase> cases() {
        return LossCase.all();
    }

    /** Losses whose target is monotone in the target cosine (ArcFace's easy margin is not, at c = 0). */
    static List<LossCase> monotoneCases() {
        return LossCase.all().stream()
                .filter(c -> !c.id().equals("arcface-easy-margin"))
                .collect(Collectors.toList());
    }

    private static List<Double> sweep() {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k <= 40; k++) {
            values.add(-1 + k / 20.0);
        }
        values.add(Math.cos(Math.PI - 0.5)); // ArcFace / ArcNegFace / CurricularFace fallback
        values.add(Math.cos(Math.PI - 0.3)); // combined default
        for (int j = 1; j < 4; j++) {
            values.add(Math.cos(j * Math.PI / 4)); // SphereFace k boundaries
        }
        values.add(Math.cos(Math.PI / 1.35)); // combined m1 = 1.35 fallback
        values.add(Math.cos((Math.PI - 0.4) / 0.9)); // combined CM2 fallback
        values.add(1.0000001); // a normalisation rounding step outside the range
        values.add(-1.0000001);
        values.add(0.99999994);
        values.add(-0.99999994);
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sweepOfTheTargetCosineGivesFiniteLossAndGradients(LossCase lossCase) {
        List<Double> targets = sweep();
        int b = targets.size();
        float[][] c = new float[b][5];
        float[] norms = new float[b];
        float[] normChoices = {0f, 1e-4f, 1f, 20f, 1e4f};
        for (int i = 0; i < b; i++) {
            float t = targets.get(i).floatValue();
            c[i] = new float[] {t, 1f, -1f, t, 0.5f};
            norms[i] = normChoices[i % normChoices.length];
        }
        for (double epsilon : new double[] {0, 0.1}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray cosine = Arrays2.create(manager, c, DataType.FLOAT32);
                NDArray normArray = manager.create(norms);
                cosine.setRequiresGradient(true);
                NDArray labels = manager.zeros(new Shape(b), DataType.INT64);
                MarginLoss loss = lossCase.create(epsilon);
                NDArray value;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    value = loss.evaluate(new NDList(labels), new NDList(cosine, normArray));
                    collector.backward(value);
                }
                assertThat(Arrays2.scalar(value)).as("loss").isFinite();
                assertAllFinite(Arrays2.toVector(cosine.getGradient()), "dL/dc");
                assertAllFinite(Arrays2.toVector(loss.logits(new NDList(cosine, normArray), labels)), "logits");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headWithEmbeddingsOnOppositeOrZeroGivesFiniteGradients(LossCase lossCase) {
        float[][] centres = {{1, 2, 3}, {-3, 0.5f, 1}, {0.1f, -0.2f, 0.3f}, {0, 0, 0}};
        float[][] embeddings = {
            {1, 2, 3}, // exactly its centre: cosine 1 up to rounding
            {3, -0.5f, -1}, // exactly opposite its centre: cosine −1
            {0, 0, 0}, // zero embedding
            {2, 4, 6}, // its centre is the zero vector
        };
        long[] labels = {0, 1, 2, 3};
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = Heads.withCentres(manager, centres, DataType.FLOAT32);
            NDArray x = Arrays2.create(manager, embeddings, DataType.FLOAT32);
            x.setRequiresGradient(true);
            MarginLoss loss = lossCase.create(0.1);
            NDArray value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList predictions = head.forward(new ParameterStore(manager, false), new NDList(x), true);
                value = loss.evaluate(new NDList(manager.create(labels)), predictions);
                collector.backward(value);
            }
            assertThat(Arrays2.scalar(value)).isFinite();
            assertAllFinite(Arrays2.toVector(x.getGradient()), "dL/dx");
            assertAllFinite(Arrays2.toVector(head.getCentres().getArray().getGradient()), "dL/dW");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("monotoneCases")
    void targetLogitIsMonotoneInTheTargetCosine(LossCase lossCase) {
        int n = 2001;
        double[][] c = new double[n][3];
        double[] norms = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = new double[] {-1 + 2.0 * k / (n - 1), 0.1, -0.3};
            norms[k] = 15; // one norm for all rows: AdaFace's margin is then fixed
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, c, DataType.FLOAT64);
            NDArray labels = manager.zeros(new Shape(n), DataType.INT64);
            double[][] z = Arrays2.toMatrix(lossCase.create(0).logits(new NDList(cosine, manager.create(norms)), labels));
            for (int k = 1; k < n; k++) {
                assertThat(z[k][0]).as("target logit at c = %f", c[k][0]).isGreaterThanOrEqualTo(z[k - 1][0] - 1e-12);
            }
        }
    }

    private static void assertAllFinite(double[] values, String what) {
        for (int k = 0; k < values.length; k++) {
            assertThat(values[k]).as("%s[%d]", what, k).isFinite();
        }
    }
}
