package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.Dropout;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** DJL layers against independent double-precision computations written here. */
class LayerSemanticsTest {

    private static float[] forward(ArchSpec spec, float[] x, boolean training, NDManager m, SpecNetwork[] keep) {
        SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
        if (keep != null) {
            keep[0] = net;
        }
        NDArray in = m.create(x, new Shape(spec.input().withBatch(1)));
        return net.block().forward(new ParameterStore(m, false), new NDList(in), training).singletonOrThrow().toFloatArray();
    }

    /** PolyFace's input stage: crop 1..111, bilinear resize (half-pixel centres, no antialiasing), x·3.2/255 − 1.6. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {75, 112, 235})
    void inputStageMatchesOpenCvBilinear(int r) {
        int n = 112;
        ArchSpec spec = new ArchSpec("input", TensorShape.chw(1, n, n), "BGR", 0, 1, Sequential.of("net",
                new Crop("crop", 1, 1, n - 1, n - 1), new Resize("resize", r, r), new PixelScale("scale", 3.2 / 255, -1.6)),
                "scale", null);
        Random rnd = new Random(3);
        float[] img = new float[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextInt(256);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = forward(spec, img, false, m, null);
            double scale = (n - 1) / (double) r;
            for (int y = 0; y < r; y++) {
                for (int x = 0; x < r; x++) {
                    double v = bilinear(img, n, 1, 1, n - 1, (x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5);
                    assertThat((double) got[y * r + x]).isCloseTo(v * 3.2 / 255 - 1.6, within(1e-4));
                }
            }
        }
    }

    /** OpenCV INTER_LINEAR on the crop starting at (top, left) of size s: clamp source coordinates to the edges. */
    private static double bilinear(float[] img, int n, int top, int left, int s, double sx, double sy) {
        sx = Math.max(0, sx);
        sy = Math.max(0, sy);
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        int x1 = Math.min(x0 + 1, s - 1);
        int y1 = Math.min(y0 + 1, s - 1);
        x0 = Math.min(x0, s - 1);
        y0 = Math.min(y0, s - 1);
        double fx = sx - Math.floor(sx);
        double fy = sy - Math.floor(sy);
        double a = img[(top + y0) * n + left + x0];
        double b = img[(top + y0) * n + left + x1];
        double c = img[(top + y1) * n + left + x0];
        double d = img[(top + y1) * n + left + x1];
        return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
    }

    @Test
    void preluIsExactPerChannel() {
        ArchSpec spec = new ArchSpec("p", TensorShape.chw(2, 1, 3), "RGB", 0, 1, Sequential.of("net", new PRelu("act")), "act", null);
        float[] x = {-2, 0, 3, -1, 5, -4};
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork[] net = new SpecNetwork[1];
            float[] initial = forward(spec, x, false, m, net);
            assertThat(initial).containsExactly(-0.5f, 0f, 3f, -0.25f, 5f, -1f);
            PReluBlock block = (PReluBlock) net[0].layers().get("act");
            OwnedArrays.assign(block.alpha().getArray(), new float[] {1.5f, -0.5f}); // slopes outside [0, 1] stay exact
            float[] y = net[0].block().forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(1, 2, 1, 3))), false)
                    .singletonOrThrow().toFloatArray();
            assertThat(y).containsExactly(-3f, 0f, 3f, 0.5f, 5f, 2f);
        }
    }

    /**
     * PReLU gradients equal the definition's (PyTorch {@code prelu}): dy/dx = 1 where x &gt; 0, else a_c (also at
     * x = 0); dy/da_c = sum of x over x &lt; 0 — checked with a weighted sum as the loss, in double precision, for
     * the fused kernel (default) and the composed form.
     */
    @Test
    void preluGradientsMatchTheDefinitionIncludingAtZero() {
        float[] x = {-2, 0, 3, -1, 5, 0};
        float[] w = {0.5f, -1f, 2f, 1.5f, -0.25f, 3f};
        float[] slopes = {1.5f, -0.5f};
        for (boolean fused : new boolean[] {true, false}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray in = m.create(x, new Shape(1, 2, 1, 3));
                NDArray a = m.create(slopes);
                in.setRequiresGradient(true);
                a.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    NDArray y = fused ? FusedPRelu.apply(in, a) : PReluBlock.composed(in, a);
                    gc.backward(y.mul(m.create(w, new Shape(1, 2, 1, 3))).sum());
                }
                float[] dx = in.getGradient().toFloatArray();
                float[] da = a.getGradient().toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    double slope = slopes[i / 3];
                    assertThat((double) dx[i]).as("dL/dx[%d], fused %s", i, fused).isCloseTo(w[i] * (x[i] > 0 ? 1 : slope), within(1e-6));
                }
                for (int c = 0; c < 2; c++) {
                    double expected = 0;
                    for (int i = 3 * c; i < 3 * c + 3; i++) {
                        expected += x[i] < 0 ? (double) w[i] * x[i] : 0;
                    }
                    assertThat((double) da[c]).as("dL/da[%d], fused %s", c, fused).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    /** The fused kernel and the composed form agree on random activations and slopes, values and gradients. */
    @Test
    void fusedAndComposedPReluAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(4);
            NDArray x = m.randomNormal(new Shape(3, 5, 4, 6));
            NDArray a = m.randomUniform(-1f, 2f, new Shape(5));
            NDArray g = m.randomNormal(new Shape(3, 5, 4, 6));
            float[][] fused = preluValueAndGradients(x, a, g, true);
            float[][] composed = preluValueAndGradients(x, a, g, false);
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < fused[k].length; i++) {
                    assertThat(fused[k][i]).as("output %d element %d", k, i).isCloseTo(composed[k][i], within(1e-5f + 1e-5f * Math.abs(composed[k][i])));
                }
            }
        }
    }

    private static float[][] preluValueAndGradients(NDArray x0, NDArray a0, NDArray g, boolean fused) {
        NDArray x = x0.duplicate();
        NDArray a = a0.duplicate();
        x.setRequiresGradient(true);
        a.setRequiresGradient(true);
        NDArray y;
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            y = fused ? FusedPRelu.apply(x, a) : PReluBlock.composed(x, a);
            gc.backward(y.mul(g).sum());
        }
        return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(), a.getGradient().toFloatArray()};
    }

    /** Residual rule: inference y = ReLU(x + s·p·F(x)); training kept y = ReLU(x + s·F(x)), dropped y = ReLU(x). */
    @Test
    void stochasticDepthAndResidualScale() {
        Conv2d f = Conv2d.of("f", 1, 1, 1, 0);
        ArchSpec spec = new ArchSpec("r", TensorShape.chw(1, 1, 4), "RGB", 0, 1, Sequential.of("net",
                new Residual("res", f, null, 0.3, 0.8, new Relu("post")), new Flatten("flat")), "flat", null);
        float[] x = {1, -2, 3, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork[] keep = new SpecNetwork[1];
            float[] inference = forward(spec, x, false, m, keep);
            SpecNetwork net = keep[0];
            float w = ((ai.djl.nn.convolutional.Conv2d) net.layers().get("f")).getParameters().get("weight").getArray().getFloat();
            for (int i = 0; i < 4; i++) {
                assertThat(inference[i]).isCloseTo((float) Math.max(0, x[i] + 0.3 * 0.8 * w * x[i]), within(1e-6f));
            }
            int kept = 0;
            int dropped = 0;
            NDArray in = m.create(x, new Shape(1, 1, 1, 4));
            for (int step = 0; step < 200; step++) {
                net.stochasticDepth().reseed(5, step);
                float[] y = net.block().forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow().toFloatArray();
                boolean isKept = Math.abs(y[0] - Math.max(0, x[0] + 0.3 * w * x[0])) < 1e-6;
                boolean isDropped = Math.abs(y[0] - Math.max(0, x[0])) < 1e-6;
                assertThat(isKept || isDropped).isTrue();
                for (int i = 0; i < 4; i++) {
                    double expected = isKept ? Math.max(0, x[i] + 0.3 * w * x[i]) : Math.max(0, x[i]);
                    assertThat((double) y[i]).isCloseTo(expected, within(1e-6));
                }
                kept += isKept ? 1 : 0;
                dropped += isDropped ? 1 : 0;
            }
            assertThat(kept).isBetween(140, 180); // Bernoulli(0.8) over 200 draws
            assertThat(kept + dropped).isEqualTo(200);
            // the same (seed, step) gives the same draw
            net.stochasticDepth().reseed(5, 17);
            float[] a = net.block().forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow().toFloatArray();
            net.stochasticDepth().reseed(5, 17);
            float[] b = net.block().forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow().toFloatArray();
            assertThat(a).containsExactly(b);
        }
    }

    /**
     * A dropped residual block does not evaluate F (Huang et al. 2016): F's batch-norm running mean stays and its weight
     * gradient stays zero; kept, both change. The drops are the draws of {@link StochasticDepth} in the same order.
     */
    @Test
    void droppedResidualSkipsItsBody() {
        Node body = Sequential.of("f", Conv2d.of("f.conv", 2, 1, 1, 0), BatchNorm.of("f.bn", 1e-5));
        ArchSpec spec = new ArchSpec("r", TensorShape.chw(2, 2, 2), "RGB", 0, 1, Sequential.of("net",
                new Residual("res", body, null, 1.0, 0.5, new Relu("post")), new Flatten("flat")), "flat", null);
        float[] x = {1, -2, 3, 0.5f, -1, 2, 0.25f, 4};
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            NDArray mean = net.layers().get("f.bn").getParameters().get("runningMean").getArray();
            NDArray weight = net.layers().get("f.conv").getParameters().get("weight").getArray();
            NDArray in = m.create(x, new Shape(1, 2, 2, 2));
            in.setRequiresGradient(true); // a dropped block's output then still has a gradient function
            int dropped = 0;
            for (int step = 0; step < 40; step++) {
                net.stochasticDepth().reseed(5, step);
                float[] before = mean.toFloatArray();
                float[] y;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = net.block().forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow();
                    y = out.toFloatArray();
                    gc.backward(out.sum());
                }
                boolean isDropped = true;
                for (int i = 0; i < x.length; i++) {
                    isDropped &= y[i] == Math.max(0, x[i]);
                }
                boolean drawnDropped = new SplittableRandom(5 * 0x9E3779B97F4A7C15L + step).nextDouble() >= 0.5;
                assertThat(isDropped).as("step %d", step).isEqualTo(drawnDropped);
                NDArray g = weight.getGradient();
                if (isDropped) {
                    assertThat(mean.toFloatArray()).as("running mean, dropped").containsExactly(before);
                    assertThat(g.toFloatArray()).as("weight gradient, dropped").containsOnly(0f);
                    dropped++;
                } else {
                    assertThat(mean.toFloatArray()).as("running mean, kept").isNotEqualTo(before);
                    assertThat(g.abs().sum().getFloat()).as("weight gradient, kept").isPositive();
                }
                g.subi(g);
            }
            assertThat(dropped).isBetween(10, 30);
        }
    }

    /** Which bodies may be skipped: those whose training forward draws no random numbers. */
    @Test
    void drawsRandomFindsNestedDrawsAndDropout() {
        Node conv = Conv2d.of("c", 2, 1, 1, 0);
        assertThat(BlockFactory.drawsRandom(Sequential.of("s", conv, new Relu("r")))).isFalse();
        assertThat(BlockFactory.drawsRandom(new Residual("res", conv, null, 1.0, 1.0, null))).isFalse();
        assertThat(BlockFactory.drawsRandom(Sequential.of("s", new Residual("res", conv, null, 1.0, 0.9, null)))).isTrue();
        assertThat(BlockFactory.drawsRandom(Sequential.of("s", conv, new Dropout("d", 0.1)))).isTrue();
        assertThat(BlockFactory.drawsRandom(Sequential.of("s", conv, new Dropout("d", 0.0)))).isFalse();
    }
}
