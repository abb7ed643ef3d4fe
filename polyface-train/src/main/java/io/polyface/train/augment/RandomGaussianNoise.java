package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.GaussianNoise;

import java.util.random.RandomGenerator;

/**
 * Sensor noise: with probability {@code p}, core's {@link GaussianNoise} with standard deviation
 * {@code σ ~ U[0, maxSigma]} grey levels.
 *
 * @param probability {@code p} in [0, 1]
 * @param maxSigma largest σ, in [0, 255]
 */
public record RandomGaussianNoise(double probability, double maxSigma) implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomGaussianNoise {
        Augmentation.checkProbability("random Gaussian noise", probability);
        Augmentation.checkRange("random Gaussian noise sigma", maxSigma, maxSigma, 0, 255);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        return Augmentation.degradeWithProbability(image, random, probability, 0, maxSigma, GaussianNoise::new);
    }
}
