package io.polyface.core.image;

/**
 * Affine warp with bilinear sampling, the operation behind 5-point face alignment (as OpenCV's
 * {@code warpAffine(src, M, size, INTER_LINEAR, BORDER_CONSTANT, 0)} that InsightFace uses).
 *
 * <p>Output pixel (x, y) takes the source value at {@code M⁻¹·(x, y)}, where {@code M} maps source
 * pixel coordinates to output pixel coordinates (pixel centres at integers, no half-pixel shift),
 * interpolated bilinearly between the four surrounding source pixels; neighbours outside the source
 * count as 0 (constant black border), so the edge of the image fades over one pixel as in OpenCV.
 * Unlike OpenCV, which quantises sub-pixel offsets to 1/32 pixel, the weights here are exact.
 */
public final class AffineWarp {

    private AffineWarp() {}

    /**
     * Warps an image.
     *
     * @param src the source image
     * @param sourceToOutput the map from source to output pixel coordinates
     * @param width output width, ≥ 1
     * @param height output height, ≥ 1
     * @return the {@code width×height} output
     * @throws IllegalArgumentException if a size is not positive or the map is singular
     */
    public static RgbImage warp(RgbImage src, AffineMatrix sourceToOutput, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("warp output size " + width + "x" + height + ": width and height must be >= 1");
        }
        AffineMatrix inv = sourceToOutput.inverse();
        int sw = src.width();
        int sh = src.height();
        float[] in = src.pixelsUnsafe();
        float[] out = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sx = inv.applyX(x, y);
                double sy = inv.applyY(x, y);
                double fx0 = Math.floor(sx);
                double fy0 = Math.floor(sy);
                if (fx0 < -1 || fy0 < -1 || fx0 >= sw || fy0 >= sh) {
                    continue; // all four neighbours outside: border value 0
                }
                int x0 = (int) fx0;
                int y0 = (int) fy0;
                float ax = (float) (sx - fx0);
                float ay = (float) (sy - fy0);
                float w00 = (1 - ax) * (1 - ay);
                float w01 = ax * (1 - ay);
                float w10 = (1 - ax) * ay;
                float w11 = ax * ay;
                int o = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = w00 * sample(in, sw, sh, x0, y0, c) + w01 * sample(in, sw, sh, x0 + 1, y0, c)
                            + w10 * sample(in, sw, sh, x0, y0 + 1, c) + w11 * sample(in, sw, sh, x0 + 1, y0 + 1, c);
                }
            }
        }
        return RgbImage.wrap(width, height, out);
    }

    private static float sample(float[] in, int w, int h, int x, int y, int c) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : in[(y * w + x) * 3 + c];
    }
}
