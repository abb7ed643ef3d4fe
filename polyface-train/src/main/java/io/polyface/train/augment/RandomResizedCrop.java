package io.polyface.train.augment;

import io.polyface.core.image.BilinearResize;
import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Random resized crop (the "Inception" crop: Szegedy et al., "Going Deeper with Convolutions", CVPR
 * 2015, Sec. 6; torchvision's {@code RandomResizedCrop}): with probability {@code p}, a rectangle of
 * area fraction {@code a ~ U[minArea, maxArea]} and aspect ratio {@code r} (width/height, log-uniform
 * in {@code [minAspect, maxAspect]}) is cut at a uniformly random position and resized back to the
 * image size with core's bilinear resize. Side lengths are {@code round(W·√(a·r))} and
 * {@code round(H·√(a/r))}, clamped to the image.
 *
 * @param probability {@code p} in [0, 1]
 * @param minArea smallest area fraction, in (0, 1]
 * @param maxArea largest area fraction, in [minArea, 1]
 * @param minAspect smallest aspect ratio, &gt; 0
 * @param maxAspect largest aspect ratio, ≥ minAspect
 */
public record RandomResizedCrop(double probability, double minArea, double maxArea, double minAspect, double maxAspect)
        implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomResizedCrop {
        Augmentation.checkProbability("random resized crop", probability);
        Augmentation.checkRange("random resized crop area", minArea, maxArea, 1e-6, 1);
        Augmentation.checkRange("random resized crop aspect", minAspect, maxAspect, 1e-3, 1e3);
    }

    /**
     * Mild face-crop defaults: area 0.8..1, aspect 0.9..1.1.
     *
     * @param probability {@code p}
     * @return the transform
     */
    public static RandomResizedCrop mild(double probability) {
        return new RandomResizedCrop(probability, 0.8, 1.0, 0.9, 1.1);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        boolean fire = Augmentation.fires(random, probability);
        double area = Augmentation.uniform(random, minArea, maxArea);
        double aspect = Math.exp(Augmentation.uniform(random, Math.log(minAspect), Math.log(maxAspect)));
        double u = random.nextDouble();
        double v = random.nextDouble();
        if (!fire) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        int cw = (int) Math.max(1, Math.min(w, Math.round(w * Math.sqrt(area * aspect))));
        int ch = (int) Math.max(1, Math.min(h, Math.round(h * Math.sqrt(area / aspect))));
        int x = (int) Math.floor(u * (w - cw + 1));
        int y = (int) Math.floor(v * (h - ch + 1));
        return BilinearResize.resize(image.crop(x, y, cw, ch), w, h);
    }
}
