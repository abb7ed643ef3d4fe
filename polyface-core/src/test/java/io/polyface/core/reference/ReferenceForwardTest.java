package io.polyface.core.reference;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.MaxPool;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.PolyKind;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link ReferenceForward} on inputs small enough to compute by hand. */
class ReferenceForwardTest {

    private static ArchSpec spec(TensorShape in, Node... nodes) {
        return new ArchSpec("t", in, "RGB", 0, 1, Sequential.of("net", nodes), nodes[nodes.length - 1].name(), null);
    }

    private static double[] run(ArchSpec spec, Map<String, float[]> params, int[] shape, double... x) {
        return ReferenceForward.run(spec, (l, p) -> {
            float[] v = params.get(l + "." + p);
            if (v == null) {
                throw new IllegalArgumentException(l + "." + p);
            }
            return v;
        }, new ReferenceTensor(shape, x)).data();
    }

    @Test
    void stridedPaddedConvolutionWithBias() {
        // 1 channel 3x3 input 1..9, kernel 2x2 of ones, stride 2, pad 1, bias 10: windows over the zero-padded 5x5 map
        // top-left {0,0,0,1} = 1, top-right {0,0,2,3} = 5, bottom-left {0,4,0,7} = 11, bottom-right {5,6,8,9} = 28
        ArchSpec s = spec(TensorShape.chw(1, 3, 3), new Conv2d("c", 1, 2, 2, 2, 2, 1, 1, 1, true, null));
        double[] y = run(s, Map.of("c.weight", new float[] {1, 1, 1, 1}, "c.bias", new float[] {10}), new int[] {1, 1, 3, 3},
                1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(y).containsExactly(11, 15, 21, 38);
    }

    @Test
    void depthwiseRectangularConvolution() {
        // 2 channels, groups 2, kernel 1x2 (pad 0): channel 0 weight (1, -1), channel 1 weight (2, 0)
        ArchSpec s = spec(TensorShape.chw(2, 1, 3), new Conv2d("c", 2, 1, 2, 1, 1, 0, 0, 2, false, null));
        double[] y = run(s, Map.of("c.weight", new float[] {1, -1, 2, 0}), new int[] {1, 2, 1, 3}, 1, 4, 9, 1, 2, 3);
        assertThat(y).containsExactly(-3, -5, 2, 4);
    }

    @Test
    void ceilModeMaxPoolClipsTheLastWindow() {
        // 3x4 map, kernel 3, stride 2, ceil mode: 1x2 outputs, the second window covers columns 2..3 only (PyTorch's rule)
        ArchSpec s3 = spec(TensorShape.chw(1, 3, 4), new MaxPool("q", 3, 2, 0, true));
        double[] y = run(s3, Map.of(), new int[] {1, 1, 3, 4}, 1, 2, 3, 4, 5, -6, 7, -8, 0, 0, 0, 9);
        assertThat(y).containsExactly(7, 9);
    }

    @Test
    void batchNormPreluCropScaleAndConcat() {
        // BN: (x - 1)/sqrt(3 + 1) * 2 + 0.5 = x - 0.5; PReLU slope 0.25; then crop the right column and concat with
        // the pixel-scaled input (x*2 - 1) on channels
        ArchSpec s = new ArchSpec("t", TensorShape.chw(1, 1, 2), "RGB", 0, 1, Concat.of("cat",
                Sequential.of("a", new BatchNorm("bn", 1.0, 0.1, true), new PRelu("act"), new Crop("crop", 0, 1, 1, 1)),
                Sequential.of("b", new PixelScale("px", 2, -1), new Crop("crop2", 0, 0, 1, 1))), "cat", null);
        double[] y = run(s, Map.of("bn.gamma", new float[] {2}, "bn.beta", new float[] {0.5f}, "bn.runningMean", new float[] {1},
                "bn.runningVar", new float[] {3}, "act.alpha", new float[] {0.25f}), new int[] {1, 1, 1, 2}, 3, -2);
        // channel 0: PReLU(-2 - 0.5) = -0.625; channel 1: 3*2 - 1 = 5
        assertThat(y).containsExactly(-0.625, 5);
    }

    @Test
    void bilinearHalfPixelDownscale() {
        // 1x4 -> 1x2: source x = (d + 0.5)*2 - 0.5 = 0.5 and 2.5: (1+2)/2 and (3+4)/2; rows: 1 -> 1 trivially
        ArchSpec s = spec(TensorShape.chw(1, 1, 4), new Resize("r", 1, 2));
        assertThat(run(s, Map.of(), new int[] {1, 1, 1, 4}, 1, 2, 3, 4)).containsExactly(1.5, 3.5);
        // upscale 1x2 -> 1x4: x = (d + 0.5)/2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (upper neighbour clamped)
        ArchSpec up = spec(TensorShape.chw(1, 1, 2), new Resize("r", 1, 4));
        double[] y = run(up, Map.of(), new int[] {1, 1, 1, 2}, 0, 8);
        assertThat(y[0]).isEqualTo(0);
        assertThat(y[1]).isCloseTo(2, within(1e-12));
        assertThat(y[2]).isCloseTo(6, within(1e-12));
        assertThat(y[3]).isEqualTo(8);
    }

    @Test
    void polyResidualKinds() {
        // F_k(x) = w_k * x (1x1 conv, 1 channel); scale 0.5, keep 1: poly-2 chain u1 = 2x, u2 = 3*relu(u1);
        // out = relu(x + 0.5*(u1 + u2)); x = -1: u1 = -2, u2 = 0, out = relu(-1 - 1) = 0; x = 1: u1 = 2, u2 = 6, out = 5
        Node f0 = Conv2d.of("f0", 1, 1, 1, 0);
        Node f1 = Conv2d.of("f1", 1, 1, 1, 0);
        ArchSpec poly = spec(TensorShape.chw(1, 1, 2), new PolyResidual("p", PolyKind.POLY, List.of(f0, f1), 0.5, 1));
        Map<String, float[]> w = Map.of("f0.weight", new float[] {2}, "f1.weight", new float[] {3});
        assertThat(run(poly, w, new int[] {1, 1, 1, 2}, -1, 1)).containsExactly(0, 5);
        // 2-way: u1 = 2x, u2 = 3x: out = relu(x + 0.5*5x) = relu(3.5x)
        ArchSpec way = spec(TensorShape.chw(1, 1, 2), new PolyResidual("p", PolyKind.WAY, List.of(f0, f1), 0.5, 1));
        assertThat(run(way, w, new int[] {1, 1, 1, 2}, -1, 1)).containsExactly(0, 3.5);
    }

    @Test
    void anInputOfTheWrongShapeIsRefused() {
        ArchSpec s = spec(TensorShape.chw(1, 1, 4), new Resize("r", 1, 2));
        assertThatThrownBy(() -> run(s, Map.of(), new int[] {1, 1, 2, 2}, 1, 2, 3, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, ");
    }
}
