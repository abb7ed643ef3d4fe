package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Occlusion by a solid rectangle of {@code round(sideFraction · width) × round(sideFraction · height)}
 * pixels (at least 1×1), placed uniformly at random so that it lies wholly inside the image; its
 * top-left corner is drawn as {@code x = random.nextInt(width − w + 1)}, then {@code y} likewise.
 *
 * @param sideFraction side of the rectangle as a fraction of the image's, in (0, 1]
 * @param fill the grey level written into all three channels, in [0, 255]
 */
public record Occlusion(double sideFraction, float fill) implements Degradation {

    /** @throws IllegalArgumentException if a parameter is outside its range */
    public Occlusion {
        if (!(sideFraction > 0 && sideFraction <= 1)) {
            throw new IllegalArgumentException("occlusion side fraction " + sideFraction + ": expected a value in (0, 1]");
        }
        if (!(fill >= 0 && fill <= 255)) {
            throw new IllegalArgumentException("occlusion fill " + fill + ": expected a grey level in [0, 255]");
        }
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        int w = (int) Math.max(1, Math.round(sideFraction * image.width()));
        int h = (int) Math.max(1, Math.round(sideFraction * image.height()));
        int x = random.nextInt(image.width() - w + 1);
        int y = random.nextInt(image.height() - h + 1);
        return fillRectangle(image, x, y, w, h, fill);
    }

    /**
     * Fills a given rectangle; the part outside the image is ignored.
     *
     * @param image the input
     * @param x left column (may be negative)
     * @param y top row (may be negative)
     * @param width rectangle width, ≥ 0
     * @param height rectangle height, ≥ 0
     * @param fill the value written into all three channels
     * @return a new image
     * @throws IllegalArgumentException if a size is negative or the fill is not finite
     */
    public static RgbImage fillRectangle(RgbImage image, int x, int y, int width, int height, float fill) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("occlusion rectangle " + width + "x" + height + ": sizes must be >= 0");
        }
        if (!Float.isFinite(fill)) {
            throw new IllegalArgumentException("occlusion fill " + fill + ": must be finite");
        }
        int w = image.width();
        float[] px = image.toArray();
        int x1 = (int) Math.min(w, Math.max(0, (long) x + width));
        int y1 = (int) Math.min(image.height(), Math.max(0, (long) y + height));
        for (int r = Math.max(0, y); r < y1; r++) {
            for (int c = Math.max(0, x); c < x1; c++) {
                int o = (r * w + c) * 3;
                px[o] = fill;
                px[o + 1] = fill;
                px[o + 2] = fill;
            }
        }
        return RgbImage.of(w, image.height(), px);
    }
}
