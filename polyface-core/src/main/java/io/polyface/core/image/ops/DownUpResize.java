package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * Low resolution: bilinear resize (OpenCV INTER_LINEAR semantics, no antialiasing) down to
 * {@code max(1, round(factor · size))} in each dimension, then back up to the original size.
 * Deterministic.
 *
 * @param factor scale of the intermediate image, in (0, 1]
 */
public record DownUpResize(double factor) implements Degradation {

    /** @throws IllegalArgumentException if factor is outside (0, 1] */
    public DownUpResize {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("down-up resize factor " + factor + ": expected a value in (0, 1]");
        }
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        int w = (int) Math.max(1, Math.round(factor * image.width()));
        int h = (int) Math.max(1, Math.round(factor * image.height()));
        return image.resize(w, h).resize(image.width(), image.height());
    }
}
