package io.polyface.core.image;

/** Deterministic test images shared by the image tests. */
public final class TestImages {

    private TestImages() {}

    /** The pattern {@code (37x + 91y + 53c) mod 256}, also used to produce the OpenCV golden values. */
    public static RgbImage pattern(int width, int height) {
        float[] px = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    px[(y * width + x) * 3 + c] = (37 * x + 91 * y + 53 * c) % 256;
                }
            }
        }
        return RgbImage.of(width, height, px);
    }

    /** A smooth image (sums of sines), values within 0..255. */
    public static RgbImage smooth(int width, int height) {
        float[] px = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    px[(y * width + x) * 3 + c] = (float) (127.5 + 60 * Math.sin(0.21 * x + c) + 60 * Math.cos(0.17 * y - c));
                }
            }
        }
        return RgbImage.of(width, height, px);
    }
}
