package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.Degradation;

import java.util.function.DoubleFunction;
import java.util.random.RandomGenerator;

/**
 * A seeded training-time image transform: a pure function of the image and the random generator it is
 * given, so the same generator state gives the same output (the trainer hands each sample a generator
 * derived from the run's seed, the step and the sample's position; see
 * {@link io.polyface.train.random.Seeds}). Implementations are immutable records whose components are
 * their settings, so a pipeline can be logged and recorded in a checkpoint.
 *
 * <p>Transforms keep the image size (the model's input size: they run after the resize), work on
 * core's {@link RgbImage} (RGB, 0..255 floats) and are built on core's image operations
 * ({@code io.polyface.core.image}, {@code io.polyface.core.image.ops}). Pixel normalisation is not an
 * augmentation: it belongs to the architecture spec and is applied afterwards.
 */
public interface Augmentation {

    /**
     * Applies the transform.
     *
     * @param image the input (not modified)
     * @param random the source of every random choice of this call
     * @return the output, of the same size
     */
    RgbImage apply(RgbImage image, RandomGenerator random);

    /**
     * Draws whether a transform applied with probability {@code p} fires. Always consumes one draw, so
     * the draws that follow do not depend on {@code p}.
     *
     * @param random the generator
     * @param probability {@code p} in [0, 1]
     * @return true with probability {@code p}
     */
    static boolean fires(RandomGenerator random, double probability) {
        return random.nextDouble() < probability;
    }

    /**
     * Checks a probability setting.
     *
     * @param name the transform's name
     * @param probability the value
     * @throws IllegalArgumentException unless it is in [0, 1]
     */
    static void checkProbability(String name, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(name + ": probability must be in [0, 1], got " + probability);
        }
    }

    /**
     * Checks a range setting.
     *
     * @param name the setting's name
     * @param min the lower end
     * @param max the upper end
     * @param lowest the smallest allowed lower end
     * @param highest the largest allowed upper end
     * @throws IllegalArgumentException unless {@code lowest <= min <= max <= highest}
     */
    static void checkRange(String name, double min, double max, double lowest, double highest) {
        if (!(min >= lowest && min <= max && max <= highest)) {
            throw new IllegalArgumentException(name + ": range [" + min + ", " + max + "] must lie within ["
                    + lowest + ", " + highest + "] with min <= max");
        }
    }

    /**
     * A uniform draw in {@code [min, max]} (exactly {@code min} when the range is empty).
     *
     * @param random the generator
     * @param min the lower end
     * @param max the upper end
     * @return the draw
     */
    static double uniform(RandomGenerator random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /**
     * The common form of the random degradations: with probability {@code p}, core's degradation with its one
     * parameter drawn {@code ~ U[min, max]}. Always consumes the same two draws (whether it fires, then the
     * parameter), so the draws that follow depend on neither.
     *
     * @param image the image
     * @param random the generator
     * @param probability {@code p} in [0, 1]
     * @param min the parameter's lower end
     * @param max the parameter's upper end
     * @param degradation the degradation for a drawn parameter
     * @return the degraded image, or {@code image} itself when it does not fire
     */
    static RgbImage degradeWithProbability(RgbImage image, RandomGenerator random, double probability, double min, double max,
                                           DoubleFunction<Degradation> degradation) {
        boolean fire = fires(random, probability);
        double parameter = uniform(random, min, max);
        return fire ? degradation.apply(parameter).apply(image, random) : image;
    }
}
