package io.polyface.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** SGD against an independent double-precision transcription of torch.optim.SGD's update. */
class SgdTest {

    private static Parameter parameter(NDManager m, String name, Parameter.Type type, float[] init) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(new Shape(init.length))
                .optInitializer(new ConstantInitializer(0)).build();
        p.initialize(m, DataType.FLOAT32);
        io.polyface.core.nn.OwnedArrays.assign(p.getArray(), init);
        return p;
    }

    @ParameterizedTest(name = "momentum {0}, dampening {1}, nesterov {2}, decay {3}")
    @CsvSource({"0.9, 0, false, 0.0005", "0.9, 0, true, 0.01", "0.5, 0.3, false, 0.1", "0, 0, false, 0.001"})
    void matchesTheReferenceUpdateOverSeveralSteps(double mu, double tau, boolean nesterov, double wd) {
        Random r = new Random(3);
        int n = 7;
        float[] w0 = new float[n];
        for (int i = 0; i < n; i++) {
            w0[i] = (float) r.nextGaussian();
        }
        double[] w = new double[n];
        double[] b = null;
        for (int i = 0; i < n; i++) {
            w[i] = w0[i];
        }
        double[] lrs = {0.1, 0.05, 0.2, 0.01};
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, "w", Parameter.Type.WEIGHT, w0);
            TrainableParameter tp = new TrainableParameter("w", p, new ParameterGroup("g", 0.5, wd));
            try (Sgd sgd = Sgd.builder().optMomentum(mu).optDampening(tau).optNesterov(nesterov).setManager(m).build()) {
                for (double lr : lrs) {
                    float[] g = new float[n];
                    for (int i = 0; i < n; i++) {
                        g[i] = (float) r.nextGaussian();
                    }
                    try (NDArray grad = m.create(g)) {
                        sgd.update(tp, grad, lr);
                    }
                    // reference (PyTorch SGD): d = g + wd·w; b = d | μb + (1−τ)d; d = d + μb (Nesterov) | b; w −= η·d
                    double eta = lr * 0.5;
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = g[i] + wd * w[i];
                    }
                    if (mu != 0) {
                        if (b == null) {
                            b = d.clone();
                        } else {
                            for (int i = 0; i < n; i++) {
                                b[i] = mu * b[i] + (1 - tau) * d[i];
                            }
                        }
                        for (int i = 0; i < n; i++) {
                            d[i] = nesterov ? d[i] + mu * b[i] : b[i];
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        w[i] -= eta * d[i];
                    }
                    float[] got = p.getArray().toFloatArray();
                    for (int i = 0; i < n; i++) {
                        assertThat((double) got[i]).isCloseTo(w[i], within(1e-5 * Math.max(1, Math.abs(w[i]))));
                    }
                }
                assertThat(sgd.momentumBuffers().containsKey("w")).isEqualTo(mu != 0);
            }
        }
    }

    @Test
    void restoredMomentumContinuesExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] init = {1, -2, 3};
            Parameter a = parameter(m, "a", Parameter.Type.WEIGHT, init);
            Parameter b = parameter(m, "b", Parameter.Type.WEIGHT, init);
            ParameterGroup g = new ParameterGroup("g", 1, 0.01);
            TrainableParameter ta = new TrainableParameter("a", a, g);
            TrainableParameter tb = new TrainableParameter("b", b, g);
            try (Sgd one = Sgd.builder().setManager(m).build(); Sgd two = Sgd.builder().setManager(m).build()) {
                try (NDArray g1 = m.create(new float[] {0.5f, 0.25f, -1f}); NDArray g2 = m.create(new float[] {-0.3f, 0.1f, 0.7f})) {
                    one.update(ta, g1, 0.1);
                    two.update(tb, g1, 0.1);
                    // move b's optimiser state into a fresh optimiser, as a resume does
                    float[] state = two.momentumBuffers().get("b").toFloatArray();
                    try (Sgd restored = Sgd.builder().setManager(m).build()) {
                        restored.restoreMomentum("b", state, new Shape(3));
                        one.update(ta, g2, 0.1);
                        restored.update(tb, g2, 0.1);
                    }
                }
                assertThat(b.getArray().toFloatArray()).containsExactly(a.getArray().toFloatArray());
            }
        }
    }

    @Test
    void groupsDecayOnlyWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter conv = parameter(m, "weight", Parameter.Type.WEIGHT, new float[] {1});
            Parameter bias = parameter(m, "bias", Parameter.Type.BIAS, new float[] {1});
            Parameter gamma = parameter(m, "gamma", Parameter.Type.GAMMA, new float[] {1});
            Parameter alpha = parameter(m, "alpha", Parameter.Type.OTHER, new float[] {1});
            Parameter mean = Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN).optShape(new Shape(1))
                    .optRequiresGrad(false).optInitializer(new ConstantInitializer(0)).build();
            Parameter centres = parameter(m, "centres", Parameter.Type.WEIGHT, new float[] {1});
            List<TrainableParameter> list = new ParameterGroups(0.1, 1, 5e-4).assign(
                    new java.util.LinkedHashMap<>(Map.of("c.weight", conv, "c.bias", bias, "bn.gamma", gamma, "p.alpha", alpha,
                            "bn.runningMean", mean)), Map.of("classifier.centres", centres));
            Map<String, ParameterGroup> byName = new java.util.HashMap<>();
            list.forEach(t -> byName.put(t.name(), t.group()));
            assertThat(byName).doesNotContainKey("bn.runningMean");
            assertThat(byName.get("c.weight")).isEqualTo(new ParameterGroup("backbone", 0.1, 5e-4));
            assertThat(byName.get("c.bias").weightDecay()).isZero();
            assertThat(byName.get("bn.gamma").weightDecay()).isZero();
            assertThat(byName.get("p.alpha").weightDecay()).isZero();
            assertThat(byName.get("classifier.centres")).isEqualTo(new ParameterGroup("head", 1, 5e-4));
        }
    }

    @Test
    void settingsAreChecked() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Sgd.builder().optMomentum(1).setManager(m).build()).hasMessageContaining("momentum must be in [0, 1)");
            assertThatThrownBy(() -> Sgd.builder().optMomentum(0).optNesterov(true).setManager(m).build()).hasMessageContaining("Nesterov");
            assertThatThrownBy(() -> Sgd.builder().build()).hasMessageContaining("setManager");
            assertThatThrownBy(() -> new ParameterGroup("x", -1, 0)).hasMessageContaining("multiplier");
        }
    }
}
