package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.Occlusion;

import java.util.random.RandomGenerator;

/**
 * Random erasing / occlusion (Zhong et al., "Random Erasing Data Augmentation", AAAI 2020): with
 * probability {@code p}, core's {@link Occlusion} — a rectangle of side fraction
 * {@code f ~ U[minSide, maxSide]} at a uniform position inside the image, filled with a uniform random
 * grey level in [0, 255].
 *
 * @param probability {@code p} in [0, 1]
 * @param minSide smallest side fraction, in (0, 1]
 * @param maxSide largest side fraction, in [minSide, 1]
 */
public record RandomErasing(double probability, double minSide, double maxSide) implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomErasing {
        Augmentation.checkProbability("random erasing", probability);
        Augmentation.checkRange("random erasing side", minSide, maxSide, 1e-3, 1);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        boolean fire = Augmentation.fires(random, probability);
        double side = Augmentation.uniform(random, minSide, maxSide);
        float fill = (float) Math.floor(random.nextDouble() * 256);
        return fire ? new Occlusion(side, Math.min(255f, fill)).apply(image, random) : image;
    }
}
