package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Separable Gaussian blur as OpenCV's {@code GaussianBlur(src, dst, Size(0, 0), sigma)} on 8-bit
 * images: kernel size {@code k = round(6σ + 1) | 1} (so radius {@code k / 2}), weights
 * {@code exp(−i² / (2σ²))} normalised to sum 1, border {@code BORDER_REFLECT_101}
 * ({@code … c b | a b c … x y z | y x …}). Deterministic.
 *
 * @param sigma standard deviation in pixels, in (0, 100]
 */
public record GaussianBlur(double sigma) implements Degradation {

    /** @throws IllegalArgumentException if sigma is outside (0, 100] */
    public GaussianBlur {
        if (!(sigma > 0 && sigma <= 100)) {
            throw new IllegalArgumentException("blur sigma " + sigma + ": expected a value in (0, 100] pixels");
        }
    }

    /** @return the normalised kernel, length {@code 2·radius + 1} */
    double[] kernel() {
        int size = ((int) Math.rint(sigma * 6 + 1)) | 1;
        int radius = size / 2;
        double[] k = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            int d = i - radius;
            k[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        int w = image.width();
        int h = image.height();
        double[] k = kernel();
        float[] horizontal = pass(image.toArray(), w, h, k, true);
        float[] out = pass(horizontal, w, h, k, false);
        return RgbImage.of(w, h, out);
    }

    /**
     * One 1-D pass of the separable kernel over every channel, along x ({@code horizontal}) or y, with
     * {@link #reflect101} at the edges.
     */
    private static float[] pass(float[] in, int w, int h, double[] k, boolean horizontal) {
        int r = k.length / 2;
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        int source = horizontal ? y * w + reflect101(x + i, w) : reflect101(y + i, h) * w + x;
                        s += k[i + r] * in[source * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = (float) s;
                }
            }
        }
        return out;
    }

    /** OpenCV's BORDER_REFLECT_101 index rule; a length-1 axis replicates its only pixel. */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * n - 2 - i;
        }
        return i;
    }
}
