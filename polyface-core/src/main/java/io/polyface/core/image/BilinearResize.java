package io.polyface.core.image;

/**
 * Bilinear resizing with the semantics of OpenCV's {@code cv::resize(..., INTER_LINEAR)}, the resize
 * that InsightFace-style preprocessing and YuNet's reference code use.
 *
 * <p>Destination pixel {@code dx} samples the source at {@code sx = (dx + 0.5) · (srcWidth / dstWidth) − 0.5}
 * (pixel centres aligned, "half-pixel centres"; likewise for rows); the value is interpolated linearly
 * between columns {@code floor(sx)} and {@code floor(sx) + 1}, and between the two rows. Coordinates
 * before the first pixel centre or after the last are clamped to the edge pixel (OpenCV sets the
 * fraction to 0 there, which is the same as replicating the border). There is no antialiasing when
 * shrinking: each output pixel reads at most 2×2 source pixels, exactly as in OpenCV (an exact 2×
 * reduction therefore averages 2×2 blocks, which is also what OpenCV's INTER_AREA shortcut for that
 * case gives).
 *
 * <p>Arithmetic is in {@code float}, as OpenCV does for {@code CV_32F} images; OpenCV's 8-bit path
 * uses 11-bit fixed-point weights and rounds the result to integers, so on 8-bit data OpenCV's output
 * may differ from this one by up to one grey level.
 */
public final class BilinearResize {

    private BilinearResize() {}

    /**
     * Resizes an image.
     *
     * @param src the source image
     * @param dstWidth target width, ≥ 1
     * @param dstHeight target height, ≥ 1
     * @return the resized image; {@code src} itself when the size is unchanged (images are immutable)
     * @throws IllegalArgumentException if a target size is not positive
     */
    public static RgbImage resize(RgbImage src, int dstWidth, int dstHeight) {
        if (dstWidth < 1 || dstHeight < 1) {
            throw new IllegalArgumentException("resize target " + dstWidth + "x" + dstHeight + ": width and height must be >= 1");
        }
        int sw = src.width();
        int sh = src.height();
        if (sw == dstWidth && sh == dstHeight) {
            return src;
        }
        Taps cols = taps(sw, dstWidth);
        Taps rows = taps(sh, dstHeight);
        float[] in = src.pixelsUnsafe();

        // horizontal pass on every source row that some output row reads
        float[] horizontal = new float[sh * dstWidth * 3];
        boolean[] needed = new boolean[sh];
        for (int dy = 0; dy < dstHeight; dy++) {
            needed[rows.first[dy]] = true;
            needed[rows.second[dy]] = true;
        }
        for (int y = 0; y < sh; y++) {
            if (!needed[y]) {
                continue;
            }
            int rowIn = y * sw * 3;
            int rowOut = y * dstWidth * 3;
            for (int dx = 0; dx < dstWidth; dx++) {
                int a = rowIn + cols.first[dx] * 3;
                int b = rowIn + cols.second[dx] * 3;
                float f = cols.fraction[dx];
                int o = rowOut + dx * 3;
                for (int c = 0; c < 3; c++) {
                    horizontal[o + c] = in[a + c] * (1 - f) + in[b + c] * f;
                }
            }
        }
        // vertical pass
        float[] out = new float[dstWidth * dstHeight * 3];
        int rowLength = dstWidth * 3;
        for (int dy = 0; dy < dstHeight; dy++) {
            int a = rows.first[dy] * rowLength;
            int b = rows.second[dy] * rowLength;
            float f = rows.fraction[dy];
            int o = dy * rowLength;
            for (int i = 0; i < rowLength; i++) {
                out[o + i] = horizontal[a + i] * (1 - f) + horizontal[b + i] * f;
            }
        }
        return RgbImage.wrap(dstWidth, dstHeight, out);
    }

    /** For each destination index: the two source indices and the weight of the second. */
    private record Taps(int[] first, int[] second, float[] fraction) {}

    private static Taps taps(int srcSize, int dstSize) {
        double scale = (double) srcSize / dstSize;
        int[] first = new int[dstSize];
        int[] second = new int[dstSize];
        float[] fraction = new float[dstSize];
        for (int d = 0; d < dstSize; d++) {
            double s = (d + 0.5) * scale - 0.5;
            int i = (int) Math.floor(s);
            double f = s - i;
            if (i < 0) {
                i = 0;
                f = 0;
            }
            if (i >= srcSize - 1) {
                i = srcSize - 1;
                f = 0;
            }
            first[d] = i;
            second[d] = Math.min(i + 1, srcSize - 1);
            fraction[d] = (float) f;
        }
        return new Taps(first, second, fraction);
    }
}
