package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Brightness and contrast change about mid-grey:
 * {@code out = clamp(contrast · (px − 127.5) + 127.5 + brightness, 0, 255)}. Deterministic.
 *
 * @param brightness offset in grey levels, in [−255, 255]
 * @param contrast gain about 127.5, in [0, 10]
 */
public record BrightnessContrast(double brightness, double contrast) implements Degradation {

    /** @throws IllegalArgumentException if a parameter is outside its range */
    public BrightnessContrast {
        if (!(brightness >= -255 && brightness <= 255)) {
            throw new IllegalArgumentException("brightness " + brightness + ": expected a value in [-255, 255] grey levels");
        }
        if (!(contrast >= 0 && contrast <= 10)) {
            throw new IllegalArgumentException("contrast " + contrast + ": expected a gain in [0, 10]");
        }
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        float[] px = image.toArray();
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.min(255, Math.max(0, contrast * (px[i] - 127.5) + 127.5 + brightness));
        }
        return RgbImage.of(image.width(), image.height(), px);
    }
}
