package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Additive white Gaussian noise: every value (each channel independently) gets
 * {@code + sigma · N(0, 1)} drawn from the given generator in pixel order, then is clamped to 0..255
 * as a sensor would saturate.
 *
 * @param sigma noise standard deviation on the 0..255 scale, in [0, 255]
 */
public record GaussianNoise(double sigma) implements Degradation {

    /** @throws IllegalArgumentException if sigma is outside [0, 255] */
    public GaussianNoise {
        if (!(sigma >= 0 && sigma <= 255)) {
            throw new IllegalArgumentException("noise sigma " + sigma + ": expected a value in [0, 255] grey levels");
        }
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        float[] px = image.toArray();
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.min(255, Math.max(0, px[i] + sigma * random.nextGaussian()));
        }
        return RgbImage.of(image.width(), image.height(), px);
    }
}
