package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * An image degradation for robustness tests, quality-score experiments and training augmentation: a
 * pure function of the image and a caller-supplied random generator (pass a seeded
 * {@link java.util.Random} or {@link java.util.SplittableRandom} for reproducible results; the
 * deterministic degradations ignore it). The parameters live in the record, so a degradation can be
 * logged and replayed.
 */
public sealed interface Degradation
        permits GaussianBlur, GaussianNoise, DownUpResize, BrightnessContrast, Occlusion, JpegRecompression {

    /**
     * Applies the degradation.
     *
     * @param image the input (not modified)
     * @param random source of randomness; the same seed gives the same output
     * @return a new image of the same size
     */
    RgbImage apply(RgbImage image, RandomGenerator random);
}
