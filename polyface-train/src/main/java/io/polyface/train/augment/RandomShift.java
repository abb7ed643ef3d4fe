package io.polyface.train.augment;

import io.polyface.core.image.AffineMatrix;
import io.polyface.core.image.AffineWarp;
import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Random translation (a misalignment of the face crop): with probability {@code p}, the image moves by
 * whole pixels {@code dx ~ U{−m·W .. m·W}}, {@code dy ~ U{−m·H .. m·H}} ({@code m} the maximum fraction),
 * through core's {@link AffineWarp} (uncovered pixels are black, as OpenCV's constant border).
 *
 * @param probability {@code p} in [0, 1]
 * @param maxFraction {@code m}, the largest shift as a fraction of the side, in [0, 0.5]
 */
public record RandomShift(double probability, double maxFraction) implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomShift {
        Augmentation.checkProbability("random shift", probability);
        Augmentation.checkRange("random shift fraction", maxFraction, maxFraction, 0, 0.5);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        boolean fire = Augmentation.fires(random, probability);
        int mx = (int) Math.floor(maxFraction * image.width());
        int my = (int) Math.floor(maxFraction * image.height());
        int dx = random.nextInt(2 * mx + 1) - mx;
        int dy = random.nextInt(2 * my + 1) - my;
        if (!fire || (dx == 0 && dy == 0)) {
            return image;
        }
        return AffineWarp.warp(image, new AffineMatrix(1, 0, dx, 0, 1, dy), image.width(), image.height());
    }
}
