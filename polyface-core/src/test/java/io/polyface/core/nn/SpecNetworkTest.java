package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.BlockType;
import io.polyface.core.arch.preset.PolyFace;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * DJL networks built from specs (PyTorch engine, CPU): output shape and trainable-parameter count equal the
 * spec's, inference is deterministic and independent of the other images in the batch.
 */
class SpecNetworkTest {

    static Stream<ArchSpec> specs() {
        return Stream.of(
                Presets.get("mobilefacenet-tiny"),
                Presets.get("mobilefacenet-y1"),
                Presets.get("iresnet18"),
                Presets.get("qan-quality"),
                Presets.get("efficient-polyface", ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75).withWidth(0.25)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void shapeAndParamsMatchTheCounterAndInferenceIsBatchIndependent(ArchSpec spec) {
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            assertThat(net.trainableParameterCount()).as("trainable params of " + spec.name())
                    .isEqualTo(FlopsCounter.count(spec).params());

            Engine.getInstance().setRandomSeed(7);
            NDArray images = m.randomUniform(0, 255, new Shape(spec.input().withBatch(3)));
            if (spec.std() != 1.0) {
                images = images.sub(spec.mean()).div(spec.std());
            }
            ParameterStore ps = new ParameterStore(m, false);
            NDArray y = net.block().forward(ps, new NDList(images), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(spec.outputShape().withBatch(3)));
            assertThat(net.block().getOutputShapes(new Shape[] {images.getShape()})[0]).isEqualTo(y.getShape());

            NDArray again = net.block().forward(ps, new NDList(images), false).singletonOrThrow();
            assertThat(again.toFloatArray()).containsExactly(y.toFloatArray());

            // image 1 alone and next to different neighbours gives the same output (BN uses running statistics)
            NDArray alone = net.block().forward(ps, new NDList(images.get("1:2")), false).singletonOrThrow();
            NDArray others = m.randomUniform(0, 255, new Shape(spec.input().withBatch(2)));
            NDArray mixed = NDArraysConcat.of(others.get("0:1"), images.get("1:2"), others.get("1:2"));
            NDArray inMixed = net.block().forward(ps, new NDList(mixed), false).singletonOrThrow().get("1:2");
            float[] a = alone.toFloatArray();
            float[] b = inMixed.toFloatArray();
            float[] c = y.get("1:2").toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-4f + 1e-4f * Math.abs(a[i])));
                assertThat(c[i]).isCloseTo(a[i], within(1e-4f + 1e-4f * Math.abs(a[i])));
            }
        }
    }

    @Test
    void inferenceNetworkOutputsTheEmbedding() {
        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            NDArray y = net.block().forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 3, 112, 112))), false)
                    .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 128));
        }
        ArchSpec poly = PolyFace.builder().optDepth(1, 1, 1).optResolution(75).optWidth(0.25).build();
        assertThat(poly.forInference().outputShape().dims()).containsExactly(256);
        assertThat(poly.forInference().root().toString()).doesNotContain("head.features");
    }

    /** Training mode: stochastic depth draws and dropout differ between passes; gradients reach every parameter. */
    @Test
    void trainingForwardBackwardWithHigherOrderBlocks() {
        ArchSpec spec = PolyFace.builder().optDepth(1, 1, 1).optResolution(75).optWidth(0.25)
                .optBlockTypes(BlockType.POLY_2, BlockType.MPOLY_2, BlockType.WAY_2).build();
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            assertThat(net.trainableParameterCount()).isEqualTo(FlopsCounter.count(spec).params());
            NDArray x = m.randomUniform(0, 255, new Shape(4, 3, 112, 112));
            ParameterStore ps = new ParameterStore(m, false);
            net.stochasticDepth().reseed(1, 0);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.block().forward(ps, new NDList(x), true).singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(new Shape(4, 256));
                gc.backward(y.square().sum());
            }
            net.block().getParameters().forEach(p -> {
                if (p.getValue().requiresGradient()) {
                    float[] g = p.getValue().getArray().getGradient().toFloatArray();
                    for (float v : g) {
                        assertThat(Float.isFinite(v)).as("gradient of " + p.getKey()).isTrue();
                    }
                }
            });
        }
    }

    /**
     * Training gradients do not change when a garbage collection and small native allocations happen between
     * forward and backward (scaled and stochastically dropped residual branches, PReLU, pixel scaling: nothing
     * that backward reads borrows freed Java memory; see {@link ScalarOps}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("trainingSpecs")
    void trainingGradientsSurviveAGarbageCollectionBeforeBackward(ArchSpec spec) {
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            Engine.getInstance().setRandomSeed(3);
            NDArray x = m.randomUniform(0, 255, new Shape(spec.input().withBatch(4)));
            List<float[]> calm = gradients(net, m, x, false);
            for (int trial = 0; trial < 2; trial++) {
                List<float[]> pressed = gradients(net, m, x, true);
                for (int i = 0; i < calm.size(); i++) {
                    assertThat(pressed.get(i)).as("gradient %d with a GC before backward, trial %d", i, trial).containsExactly(calm.get(i));
                }
            }
        }
    }

    static Stream<ArchSpec> trainingSpecs() {
        return Stream.of(
                PolyFace.builder().optDepth(2, 2, 2).optResolution(75).optWidth(0.25)
                        .optBlockTypes(BlockType.POLY_2, BlockType.MPOLY_2, BlockType.WAY_2).build(),
                Presets.get("mobilefacenet-tiny"));
    }

    private static List<float[]> gradients(SpecNetwork net, NDManager m, NDArray x, boolean pressure) {
        ParameterStore ps = new ParameterStore(m, false);
        net.block().getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) {
                NDArray g = p.getValue().getArray().getGradient(); // backward accumulates: start from zero
                g.subi(g);
            }
        });
        net.stochasticDepth().reseed(5, 0);
        Engine.getInstance().setRandomSeed(11);
        try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = net.block().forward(ps, new NDList(x), true).singletonOrThrow();
            y.attach(step);
            NDArray loss = y.square().sum();
            if (pressure) {
                io.polyface.core.testing.GcPressure.apply();
            }
            gc.backward(loss);
        }
        List<float[]> out = new java.util.ArrayList<>();
        net.block().getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray().getGradient().toFloatArray());
            }
        });
        return out;
    }

    /** Small helper: concatenation along the batch axis. */
    private static final class NDArraysConcat {
        static NDArray of(NDArray... parts) {
            return ai.djl.ndarray.NDArrays.concat(new NDList(parts), 0);
        }
    }
}
