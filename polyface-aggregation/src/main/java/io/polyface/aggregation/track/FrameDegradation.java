package io.polyface.aggregation.track;

import io.polyface.core.image.AffineMatrix;
import io.polyface.core.image.AffineWarp;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.Degradation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How one frame of a synthetic track was made from its still image, complete enough to replay it: a
 * translation by {@code (shiftX, shiftY)} pixels (a tracker's crop jitter), then the core
 * {@link Degradation}s in list order, all drawing their randomness from one
 * {@code new SplittableRandom(seed)}.
 *
 * <p>The translation is {@link AffineWarp} with the matrix {@code [[1, 0, shiftX], [0, 1, shiftY]]}:
 * output pixel {@code (x, y)} takes the still's value at {@code (x − shiftX, y − shiftY)}, bilinearly
 * interpolated; what comes from outside the still is black (0), as a crop beyond the frame edge.
 * Positive {@code shiftX} moves the content right, positive {@code shiftY} down.
 *
 * @param shiftX horizontal translation in pixels, finite
 * @param shiftY vertical translation in pixels, finite
 * @param degradations the degradations applied after the translation, in order (may be empty)
 * @param seed the seed of the random generator the degradations draw from (noise values, occlusion
 *     positions)
 */
public record FrameDegradation(double shiftX, double shiftY, List<Degradation> degradations, long seed) {

    /**
     * Validates and copies the list.
     *
     * @throws IllegalArgumentException if a shift is not finite or the list is null or holds a null
     */
    public FrameDegradation {
        if (!Double.isFinite(shiftX) || !Double.isFinite(shiftY)) {
            throw new IllegalArgumentException("frame shift (" + shiftX + ", " + shiftY + ") must be finite pixels");
        }
        if (degradations == null || degradations.stream().anyMatch(d -> d == null)) {
            throw new IllegalArgumentException("degradations must be a list without nulls (empty for none)");
        }
        degradations = List.copyOf(degradations);
    }

    /**
     * Makes the frame from its still.
     *
     * @param still the source image (not modified)
     * @return a new image of the still's size
     */
    public RgbImage apply(RgbImage still) {
        RgbImage frame = still;
        if (shiftX != 0 || shiftY != 0) {
            frame = AffineWarp.warp(still, new AffineMatrix(1, 0, shiftX, 0, 1, shiftY), still.width(), still.height());
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (Degradation d : degradations) {
            frame = d.apply(frame, random);
        }
        return frame;
    }
}
