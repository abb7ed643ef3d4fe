package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Mirror about the vertical axis ({@link RgbImage#flipHorizontal()}) with probability {@code p}; the
 * one augmentation of InsightFace's recognition recipes ({@code arcface_torch}, p = 0.5).
 *
 * @param probability {@code p} in [0, 1]
 */
public record HorizontalFlip(double probability) implements Augmentation {

    /** @throws IllegalArgumentException if {@code p} is outside [0, 1] */
    public HorizontalFlip {
        Augmentation.checkProbability("horizontal flip", probability);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        return Augmentation.fires(random, probability) ? image.flipHorizontal() : image;
    }
}
