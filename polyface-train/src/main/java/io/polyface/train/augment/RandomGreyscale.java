package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Greyscale conversion with probability {@code p}: every channel becomes the pixel's BT.601 luma
 * {@code 0.299·R + 0.587·G + 0.114·B}, as a grey photograph decoded to three channels would be.
 *
 * @param probability {@code p} in [0, 1]
 */
public record RandomGreyscale(double probability) implements Augmentation {

    /** @throws IllegalArgumentException if {@code p} is outside [0, 1] */
    public RandomGreyscale {
        Augmentation.checkProbability("random greyscale", probability);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        return Augmentation.fires(random, probability) ? ColourJitter.saturate(image, 0) : image;
    }
}
