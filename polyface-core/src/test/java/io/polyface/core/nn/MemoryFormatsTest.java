package io.polyface.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.Presets;
import org.junit.jupiter.api.Test;

/** {@link MemoryFormats#channelsLast}: values and shape unchanged, networks compute the same, gradients flow. */
class MemoryFormatsTest {

    @Test
    void valuesAndShapeAreUnchangedWhenReadBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(120f).reshape(2, 3, 4, 5);
            NDArray y = MemoryFormats.channelsLast(x);
            assertThat(y.getShape()).isEqualTo(x.getShape());
            assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
            assertThat(y.get("1,2,3,4").getFloat()).isEqualTo(119f);
            assertThat(y.getManager()).isSameAs(x.getManager());
        }
    }

    /**
     * The same network on NCHW and channels-last input: outputs and input gradients agree to 1e-4 of their largest
     * magnitude. The weights are seeded too (they were not, so the test's network depended on the tests that ran before
     * it in the JVM: issue 15 saw 3.46e-6 against a limit of 3.23e-6). Why a gradient tolerance and which seed: the two
     * layouts run different kernels whose rounding differs by ~1e-7 relative; where a pre-activation lies within that
     * rounding of a PReLU/ReLU kink the two runs take different sides of it and that element's gradient legitimately
     * differs by O(1) (measured: seed 12 of 1–12 does this, relative L2 4.5e-3 — against a float64 run of the same
     * network both layouts land on one side or the other). Seed 9 has no pre-activation that close to a kink.
     */
    @Test
    void aNetworkComputesTheSameOutputAndGradientsOnChannelsLastInput() {
        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            NDArray x = m.randomNormal(new Shape(spec.input().withBatch(4)));
            float[][] nchw = outputAndInputGradient(net, x, false);
            float[][] nhwc = outputAndInputGradient(net, x, true);
            for (int k = 0; k < 2; k++) {
                double scale = 0;
                for (float v : nchw[k]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < nchw[k].length; i++) {
                    assertThat((double) nhwc[k][i]).as("%s element %d", k == 0 ? "output" : "input gradient", i)
                            .isCloseTo(nchw[k][i], within(1e-4 * scale));
                }
            }
        }
    }

    @Test
    void anArrayThatIsNotFourDimensionalIsRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> MemoryFormats.channelsLast(m.ones(new Shape(2, 3, 4))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, C, H, W]").hasMessageContaining("(2, 3, 4)");
        }
    }

    private static float[][] outputAndInputGradient(SpecNetwork net, NDArray x0, boolean channelsLast) {
        NDArray x = x0.duplicate();
        x.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray in = channelsLast ? MemoryFormats.channelsLast(x) : x;
            y = net.block().forward(new ParameterStore(x.getManager(), false), new NDList(in), false).singletonOrThrow();
            gc.backward(y.square().sum());
        }
        return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray()};
    }
}
