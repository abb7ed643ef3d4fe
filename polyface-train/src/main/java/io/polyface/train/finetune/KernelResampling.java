package io.polyface.train.finetune;

/**
 * Resamples the spatial part of a convolution kernel {@code [O, I, h, w]} to {@code [O, I, h', w']} so that a network
 * trained at one input size can start at another (only the kernels whose size follows the input change, e.g. the global
 * depthwise convolution of MobileFaceNet: 7×7 at 112 pixels, 4×4 at 64).
 *
 * <p>Rule (area resampling that keeps the weighted sum): the old kernel is taken as piecewise constant on
 * {@code [0, h) × [0, w)}; the new tap {@code (i, j)} covers {@code [i·h/h', (i+1)·h/h') × [j·w/w', (j+1)·w/w')}
 * and gets the old taps' values weighted by their overlap with that cell, measured in old taps:
 * <pre>  k'[i, j] = Σ_{a, b} overlap_h(i, a) · overlap_w(j, b) · k[a, b]</pre>
 * which is the cell's area average of {@code k} multiplied by {@code (h·w)/(h'·w')} (e.g. 49/16 for 7×7 → 4×4).
 * So {@code Σ k' = Σ k}, and for a feature map that is the area-downsampled version of the old one
 * ({@code x'[i, j]} = the average of {@code x} over the same cell) a constant map gives exactly the old output.
 * This is the adjoint of area downsampling of the input, scaled so a constant input keeps its response.
 */
public final class KernelResampling {

    private KernelResampling() {}

    /**
     * @param from the old size {@code n} (&gt; 0)
     * @param to the new size {@code m} (&gt; 0)
     * @return {@code [m][n]}: the overlap, in old taps, of new cell {@code i} with old tap {@code a}; each row sums to
     *     {@code n/m} and each column to 1
     * @throws IllegalArgumentException if a size is not positive
     */
    public static double[][] overlap(int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("kernel sizes must be > 0, got " + from + " -> " + to);
        }
        double[][] o = new double[to][from];
        double cell = (double) from / to;
        for (int i = 0; i < to; i++) {
            double lo = i * cell;
            double hi = (i + 1) * cell;
            for (int a = 0; a < from; a++) {
                o[i][a] = Math.max(0, Math.min(hi, a + 1) - Math.max(lo, a));
            }
        }
        return o;
    }

    /**
     * Resamples every {@code h×w} plane of a kernel stored row-major as {@code [..., h, w]}.
     *
     * @param kernel the values, a multiple of {@code h·w} of them
     * @param h old height
     * @param w old width
     * @param newH new height
     * @param newW new width
     * @return the resampled values, {@code [..., newH, newW]}
     * @throws IllegalArgumentException if a size is not positive or the length is not a multiple of {@code h·w}
     */
    public static float[] resample(float[] kernel, int h, int w, int newH, int newW) {
        double[][] oh = overlap(h, newH);
        double[][] ow = overlap(w, newW);
        if (kernel.length % (h * w) != 0) {
            throw new IllegalArgumentException("kernel of " + kernel.length + " values is not a stack of " + h + "x" + w + " planes");
        }
        int planes = kernel.length / (h * w);
        float[] out = new float[planes * newH * newW];
        for (int p = 0; p < planes; p++) {
            int src = p * h * w;
            int dst = p * newH * newW;
            for (int i = 0; i < newH; i++) {
                for (int j = 0; j < newW; j++) {
                    double s = 0;
                    for (int a = 0; a < h; a++) {
                        if (oh[i][a] == 0) {
                            continue;
                        }
                        for (int b = 0; b < w; b++) {
                            s += oh[i][a] * ow[j][b] * kernel[src + a * w + b];
                        }
                    }
                    out[dst + i * newW + j] = (float) s;
                }
            }
        }
        return out;
    }
}
