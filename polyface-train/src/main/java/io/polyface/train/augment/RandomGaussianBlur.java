package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.GaussianBlur;

import java.util.random.RandomGenerator;

/**
 * Defocus/motion-free blur: with probability {@code p}, core's {@link GaussianBlur} with
 * {@code σ ~ U[minSigma, maxSigma]} pixels.
 *
 * @param probability {@code p} in [0, 1]
 * @param minSigma smallest σ, in (0, 100]
 * @param maxSigma largest σ, in [minSigma, 100]
 */
public record RandomGaussianBlur(double probability, double minSigma, double maxSigma) implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomGaussianBlur {
        Augmentation.checkProbability("random Gaussian blur", probability);
        Augmentation.checkRange("random Gaussian blur sigma", minSigma, maxSigma, 1e-3, 100);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        return Augmentation.degradeWithProbability(image, random, probability, minSigma, maxSigma, GaussianBlur::new);
    }
}
