package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bilinear resize of {@code [N, C, H, W]} to {@code [N, C, outH, outW]} with half-pixel centres and no
 * antialiasing — OpenCV's INTER_LINEAR, PyTorch's {@code interpolate(mode="bilinear", align_corners=False,
 * antialias=False)}, ONNX Resize {@code linear}/{@code half_pixel}: source coordinate
 * {@code (dst + 0.5)·in/out − 0.5}, clamped below at 0, neighbour index clamped at the last pixel.
 *
 * <p>Computed by PyTorch's own kernel, {@code torch.upsample_bilinear2d(x, [outH, outW], align_corners=False)}
 * (differentiable, both memory layouts), as a {@link TorchScriptFunction} per output size: DJL's PyTorch
 * {@code interpolate} binding turns antialiasing on when downscaling, which is not these semantics. The kernel runs
 * in double precision (input converted, output converted back): on float input it computes source coordinates and
 * weights in single precision, about 1e-5 off for positions near 100, which the double-precision reference check
 * ({@code EngineMatchesReferenceTest}, relative L2 1e-5) rejects. (It was two products with dense interpolation
 * matrices, {@code A_h · X · A_wᵀ}: {@code inW} then {@code inH} multiply-adds per output instead of four — for
 * 111×111 to 75×75 at batch 32, 148 M multiply-adds and 11 ms of a 250 ms PolyFace 1/1/1 R 75 width 0.25 training
 * step.) The same resize on images is {@link io.polyface.core.image.BilinearResize}; this one is the network layer
 * on tensors.
 */
final class TensorBilinearResize {

    private static final Map<String, TorchScriptFunction> FUNCTIONS = new ConcurrentHashMap<>();

    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;

    TensorBilinearResize(int inH, int inW, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
    }

    NDArray apply(NDArray x) {
        Shape s = x.getShape();
        if (s.get(2) != inH || s.get(3) != inW) {
            throw new IllegalArgumentException("resize expects input maps of " + inH + "x" + inW + ", got " + s);
        }
        String name = String.format(Locale.ROOT, "BilinearResize%dx%d", outH, outW);
        TorchScriptFunction f = FUNCTIONS.computeIfAbsent(name, n -> TorchScriptFunction.load(n, "x: Tensor",
                "return torch.upsample_bilinear2d(x.double(), [" + outH + ", " + outW + "], False, None, None).type_as(x)",
                m -> new NDList(m.ones(new Shape(1, 1, 2, 2)))));
        return f.apply(new NDList(x));
    }
}
