package io.polyface.train.random;

import io.polyface.core.util.SplitMix64;

import java.util.SplittableRandom;

/**
 * Derives every random draw of a training run from the run's seed and the position of the draw, so a
 * run is reproducible whatever the thread scheduling and however it was interrupted and resumed: the
 * sample order of epoch {@code e}, the augmentation of the sample at position {@code i} of step
 * {@code t}, and the engine's generator (dropout, Partial FC sampling) at step {@code t} are pure
 * functions of {@code (seed, stream, t, i)}.
 *
 * <p>Mixing: each component is folded in with the SplitMix64 finaliser (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014, the {@code mix64} function of
 * {@link SplittableRandom}; {@link io.polyface.core.util.SplitMix64}), which is a bijection on 64-bit values with full
 * avalanche.
 */
public final class Seeds {

    /** Stream of the per-epoch sample permutations. */
    public static final long ORDER = 0x4F52444552L;
    /** Stream of the per-sample augmentation draws. */
    public static final long AUGMENT = 0x4155474DL;
    /** Stream of the engine's generator (dropout masks, Partial FC class sampling, initialisation). */
    public static final long ENGINE = 0x454E47L;
    /** Stream of the identity split (held-out identities) and other one-off draws. */
    public static final long SPLIT = 0x53504CL;

    private Seeds() {}

    /**
     * Mixes a seed with a stream and any number of positions.
     *
     * @param seed the run's seed
     * @param stream one of the stream constants
     * @param positions e.g. the step and the sample's position in the batch
     * @return a well-mixed 64-bit value
     */
    public static long mix(long seed, long stream, long... positions) {
        long h = SplitMix64.mix64(seed + SplitMix64.GOLDEN_GAMMA);
        h = SplitMix64.mix64(h ^ SplitMix64.mix64(stream + SplitMix64.GOLDEN_GAMMA));
        for (long p : positions) {
            h = SplitMix64.mix64((h + SplitMix64.GOLDEN_GAMMA) ^ SplitMix64.mix64(p + 2 * SplitMix64.GOLDEN_GAMMA));
        }
        return h;
    }

    /**
     * A fresh generator for one draw position.
     *
     * @param seed the run's seed
     * @param stream one of the stream constants
     * @param positions e.g. the step and the sample's position in the batch
     * @return a generator seeded with {@link #mix}
     */
    public static SplittableRandom random(long seed, long stream, long... positions) {
        return new SplittableRandom(mix(seed, stream, positions));
    }

    /**
     * The seed handed to the engine's generator ({@code Engine.setRandomSeed(int)}) before a step.
     *
     * @param seed the run's seed
     * @param step the training step
     * @return a non-negative 31-bit seed
     */
    public static int engineSeed(long seed, long step) {
        return (int) (mix(seed, ENGINE, step) >>> 33);
    }
}
