package io.polyface.core.util;

/**
 * SplitMix64's constants and finaliser (G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014; the {@code mix64} of {@link java.util.SplittableRandom}), for deriving well-mixed seeds
 * from a seed and indices: the finaliser is a bijection on 64-bit values with full avalanche.
 */
public final class SplitMix64 {

    /** The golden-ratio increment {@code 0x9E3779B97F4A7C15} (2^64 / φ, odd). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /**
     * @param z any 64-bit value
     * @return the finalised value
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
