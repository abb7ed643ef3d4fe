package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.JpegRecompression;

import java.util.random.RandomGenerator;

/**
 * JPEG re-compression artefacts: with probability {@code p}, core's {@link JpegRecompression} at a
 * quality drawn uniformly from {@code minQuality..maxQuality} (IJG scale).
 *
 * @param probability {@code p} in [0, 1]
 * @param minQuality lowest quality, 1..100
 * @param maxQuality highest quality, minQuality..100
 */
public record RandomJpeg(double probability, int minQuality, int maxQuality) implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public RandomJpeg {
        Augmentation.checkProbability("random JPEG", probability);
        Augmentation.checkRange("random JPEG quality", minQuality, maxQuality, 1, 100);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        boolean fire = Augmentation.fires(random, probability);
        int quality = minQuality + random.nextInt(maxQuality - minQuality + 1);
        return fire ? new JpegRecompression(quality).apply(image, random) : image;
    }
}
