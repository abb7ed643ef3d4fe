package io.polyface.core.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An immutable colour image of {@code float} pixel values, the common currency of the image, alignment,
 * detection and embedding code.
 *
 * <p><b>Layout.</b> Interleaved height × width × channel ("HWC") in red, green, blue order: the value of
 * channel {@code c} (0 red, 1 green, 2 blue) at column {@code x}, row {@code y} is element
 * {@code (y * width + x) * 3 + c}. Pixel centres sit at integer coordinates, (0, 0) is the top-left
 * pixel. Values are on the 8-bit scale, nominally 0..255 (a decoded 8-bit image holds exact integers);
 * they are kept as floats so that resizing, warping and degradations do not round. Any finite value
 * is accepted; {@link #toBufferedImage()} rounds and clamps to 0..255.
 *
 * <p>Greyscale sources are expanded to three equal channels ({@link #fromGrey}). All operations return
 * new images; the pixel array is never shared with callers.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] pixels;

    private RgbImage(int width, int height, float[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * Creates an image from interleaved RGB values (copied).
     *
     * @param width width in pixels, ≥ 1
     * @param height height in pixels, ≥ 1
     * @param rgb {@code [height, width, 3]} row-major values, length {@code width * height * 3}
     * @return the image
     * @throws IllegalArgumentException if a size is not positive, the length does not match, or a value is not finite
     */
    public static RgbImage of(int width, int height, float[] rgb) {
        checkSize(width, height);
        long expected = (long) width * height * 3;
        if (rgb == null || rgb.length != expected) {
            throw new IllegalArgumentException("rgb: expected " + expected + " values for a " + width + "x" + height
                    + " image (height x width x 3), got " + (rgb == null ? "null" : rgb.length));
        }
        for (int i = 0; i < rgb.length; i++) {
            if (!Float.isFinite(rgb[i])) {
                throw new IllegalArgumentException("rgb[" + i + "] is " + rgb[i] + "; pixel values must be finite");
            }
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /**
     * Creates an image from one grey plane, copied into all three channels.
     *
     * @param width width in pixels, ≥ 1
     * @param height height in pixels, ≥ 1
     * @param grey {@code [height, width]} row-major values, length {@code width * height}
     * @return the image, with red = green = blue = grey
     * @throws IllegalArgumentException if a size is not positive, the length does not match, or a value is not finite
     */
    public static RgbImage fromGrey(int width, int height, float[] grey) {
        checkSize(width, height);
        long expected = (long) width * height;
        if (grey == null || grey.length != expected) {
            throw new IllegalArgumentException("grey: expected " + expected + " values for a " + width + "x" + height
                    + " image, got " + (grey == null ? "null" : grey.length));
        }
        float[] rgb = new float[grey.length * 3];
        for (int i = 0; i < grey.length; i++) {
            if (!Float.isFinite(grey[i])) {
                throw new IllegalArgumentException("grey[" + i + "] is " + grey[i] + "; pixel values must be finite");
            }
            rgb[3 * i] = grey[i];
            rgb[3 * i + 1] = grey[i];
            rgb[3 * i + 2] = grey[i];
        }
        return new RgbImage(width, height, rgb);
    }

    /**
     * Converts a decoded {@link BufferedImage}. Single-band greyscale rasters (8 or 16 bits, with or
     * without alpha) are read directly and scaled to 0..255 — not through {@code getRGB}, which would
     * pass them through Java's linear-grey to sRGB conversion and brighten them. All other images are
     * read as sRGB through {@code getRGB}. Alpha is dropped (no compositing).
     *
     * @param image the decoded image
     * @return the image as RGB floats on the 0..255 scale
     * @throws IllegalArgumentException if {@code image} is null
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        var raster = image.getRaster();
        var colorModel = image.getColorModel();
        boolean grey = colorModel.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && colorModel.getNumColorComponents() == 1
                && !(colorModel instanceof java.awt.image.IndexColorModel);
        float[] rgb = new float[w * h * 3];
        if (grey) {
            double max = (1L << colorModel.getComponentSize(0)) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    float v = (float) (row[x] * 255.0 / max);
                    int o = (y * w + x) * 3;
                    rgb[o] = v;
                    rgb[o + 1] = v;
                    rgb[o + 2] = v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    int o = (y * w + x) * 3;
                    rgb[o] = (p >> 16) & 0xff;
                    rgb[o + 1] = (p >> 8) & 0xff;
                    rgb[o + 2] = p & 0xff;
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /**
     * One value.
     *
     * @param x column, 0..width−1
     * @param y row, 0..height−1
     * @param channel 0 red, 1 green, 2 blue
     * @return the value on the 0..255 scale
     * @throws IndexOutOfBoundsException if an index is outside the image
     */
    public float get(int x, int y, int channel) {
        if (x < 0 || x >= width || y < 0 || y >= height || channel < 0 || channel > 2) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ", channel " + channel + ") outside a "
                    + width + "x" + height + "x3 image");
        }
        return pixels[(y * width + x) * 3 + channel];
    }

    /**
     * A copy of the pixels in the documented layout.
     *
     * @return {@code [height, width, 3]} row-major RGB values (a fresh array)
     */
    public float[] toArray() {
        return pixels.clone();
    }

    /** The backing array itself, not a copy; package use only, never modified by the reader. */
    float[] pixelsUnsafe() {
        return pixels;
    }

    /** Wraps an array this package has just filled (no copy, no check); package use only. */
    static RgbImage wrap(int width, int height, float[] rgb) {
        return new RgbImage(width, height, rgb);
    }

    /**
     * Converts to an 8-bit {@link BufferedImage#TYPE_INT_RGB} image, rounding half up and clamping to 0..255.
     *
     * @return a new buffered image
     */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                row[x] = (to8Bit(pixels[o]) << 16) | (to8Bit(pixels[o + 1]) << 8) | to8Bit(pixels[o + 2]);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    /**
     * Rounds a value to the nearest 8-bit level (half up) and clamps it to 0..255.
     *
     * @param v a value on the 0..255 scale
     * @return the level, 0..255
     */
    public static int to8Bit(float v) {
        int r = (int) Math.floor(v + 0.5f);
        return r < 0 ? 0 : Math.min(r, 255);
    }

    /**
     * The rectangle with top-left pixel ({@code x}, {@code y}) and the given size, which must lie inside the image.
     *
     * @param x left column
     * @param y top row
     * @param cropWidth width, ≥ 1
     * @param cropHeight height, ≥ 1
     * @return the cropped image
     * @throws IllegalArgumentException if the rectangle is empty or reaches outside the image
     */
    public RgbImage crop(int x, int y, int cropWidth, int cropHeight) {
        if (cropWidth < 1 || cropHeight < 1 || x < 0 || y < 0 || (long) x + cropWidth > width || (long) y + cropHeight > height) {
            throw new IllegalArgumentException("crop (x " + x + ", y " + y + ", " + cropWidth + "x" + cropHeight
                    + ") must be non-empty and inside the " + width + "x" + height + " image");
        }
        float[] out = new float[cropWidth * cropHeight * 3];
        for (int r = 0; r < cropHeight; r++) {
            System.arraycopy(pixels, ((y + r) * width + x) * 3, out, r * cropWidth * 3, cropWidth * 3);
        }
        return new RgbImage(cropWidth, cropHeight, out);
    }

    /**
     * The mirror image about the vertical axis: pixel (x, y) moves to (width − 1 − x, y).
     *
     * @return the flipped image
     */
    public RgbImage flipHorizontal() {
        float[] out = new float[pixels.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int from = (row + x) * 3;
                int to = (row + width - 1 - x) * 3;
                out[to] = pixels[from];
                out[to + 1] = pixels[from + 1];
                out[to + 2] = pixels[from + 2];
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * Bilinear resize with OpenCV {@code INTER_LINEAR} semantics; see {@link BilinearResize#resize}.
     *
     * @param newWidth target width, ≥ 1
     * @param newHeight target height, ≥ 1
     * @return the resized image ({@code this} if the size is unchanged)
     * @throws IllegalArgumentException if a size is not positive
     */
    public RgbImage resize(int newWidth, int newHeight) {
        return BilinearResize.resize(this, newWidth, newHeight);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size " + width + "x" + height + ": width and height must be >= 1");
        }
        if ((long) width * height * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is too large for one array");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && other.width == width && other.height == height && Arrays.equals(other.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
