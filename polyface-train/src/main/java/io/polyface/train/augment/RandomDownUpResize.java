package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.DownUpResize;

import java.util.random.RandomGenerator;

/**
 * Low resolution: with probability {@code p}, core's {@link DownUpResize} (bilinear down to
 * {@code f·size}, then back) with {@code f ~ U[minFactor, maxFactor]}.
 *
 * @param probability {@code p} in [0, 1]
 * @param minFactor smallest scale, in (0, 1]
 * @param maxFactor largest scale, in [minFactor, 1]
 */
public record RandomDownUpResize(double probability, double minFactor, double maxFactor) implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomDownUpResize {
        Augmentation.checkProbability("random down-up resize", probability);
        Augmentation.checkRange("random down-up resize factor", minFactor, maxFactor, 1e-3, 1);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        return Augmentation.degradeWithProbability(image, random, probability, minFactor, maxFactor, DownUpResize::new);
    }
}
