package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resize of {@code [N, C, H, W]} to {@code [N, C, outH, outW]} with half-pixel centres and no
 * antialiasing — OpenCV's INTER_LINEAR, PyTorch's {@code interpolate(mode="bilinear", align_corners=False,
 * antialias=False)}, ONNX Resize {@code linear}/{@code half_pixel}: source coordinate
 * {@code (dst + 0.5)·in/out − 0.5}, clamped below at 0, neighbour index clamped at the last pixel.
 *
 * <p>Computed as two products with fixed interpolation matrices, {@code A_h · X · A_wᵀ}, so it is exact,
 * differentiable and engine-independent. (DJL's PyTorch {@code interpolate} binding turns antialiasing on
 * when downscaling, which is not these semantics.) The same resize on images is
 * {@link io.polyface.core.image.BilinearResize}; this one is the network layer on tensors.
 */
final class TensorBilinearResize {

    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final float[] rows;    // [outH, inH]
    private final float[] colsT;   // [inW, outW]

    TensorBilinearResize(int inH, int inW, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.rows = matrix(inH, outH, false);
        this.colsT = matrix(inW, outW, true);
    }

    /**
     * The interpolation weights of one axis.
     *
     * @param in input length
     * @param out output length
     * @param transposed false: {@code [out, in]}; true: {@code [in, out]}
     * @return row-major weights
     */
    static float[] matrix(int in, int out, boolean transposed) {
        float[] m = new float[in * out];
        double scale = in / (double) out;
        for (int d = 0; d < out; d++) {
            double src = Math.max(0.0, (d + 0.5) * scale - 0.5);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double f = src - Math.floor(src);
            if (i0 == in - 1) {
                f = 0;
            }
            add(m, transposed, in, out, d, i0, 1 - f);
            add(m, transposed, in, out, d, i1, f);
        }
        return m;
    }

    private static void add(float[] m, boolean transposed, int in, int out, int d, int i, double w) {
        int idx = transposed ? i * out + d : d * in + i;
        m[idx] += (float) w;
    }

    NDArray apply(NDArray x) {
        Shape s = x.getShape();
        if (s.get(2) != inH || s.get(3) != inW) {
            throw new IllegalArgumentException("resize expects input maps of " + inH + "x" + inW + ", got " + s);
        }
        // engine-owned constants: nothing in the graph borrows a Java buffer (see OwnedArrays)
        try (NDArray a = OwnedArrays.of(x.getManager(), rows, new Shape(outH, inH)).toDevice(x.getDevice(), false);
             NDArray bt = OwnedArrays.of(x.getManager(), colsT, new Shape(inW, outW)).toDevice(x.getDevice(), false);
             NDArray right = x.matMul(bt)) {
            return a.matMul(right);
        }
    }
}
