package io.polyface.core.image;

import java.util.Arrays;

/**
 * Per-channel pixel normalisation applied when an image becomes a model input:
 * {@code value = (pixel − mean[p]) / std[p]} for output plane {@code p}, after the planes are put in
 * {@code channelOrder}. Mean and std are on the 0..255 pixel scale and are indexed by the output plane
 * (as in PyTorch's {@code transforms.Normalize}): with {@link ChannelOrder#BGR}, {@code mean[0]} applies to blue.
 *
 * <p>Examples: InsightFace ArcFace models take RGB with mean 127.5, std 127.5 (some exports 127 and 128);
 * YuNet takes BGR with mean 0, std 1.
 *
 * @param channelOrder order of the planes in the tensor
 * @param mean three means, one per output plane
 * @param std three standard deviations, one per output plane, each &gt; 0
 */
public record Normalization(ChannelOrder channelOrder, float[] mean, float[] std) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if an argument is null, an array does not hold three finite values, or a std is not positive
     */
    public Normalization {
        if (channelOrder == null) {
            throw new IllegalArgumentException("channelOrder is null");
        }
        mean = checkThree("mean", mean);
        std = checkThree("std", std);
        for (int i = 0; i < 3; i++) {
            if (!(std[i] > 0)) {
                throw new IllegalArgumentException("std[" + i + "] = " + std[i] + ": must be > 0");
            }
        }
    }

    /**
     * The same mean and std for all three planes.
     *
     * @param channelOrder order of the planes
     * @param mean the mean, on the 0..255 scale
     * @param std the standard deviation, &gt; 0
     * @return the normalisation
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Normalization of(ChannelOrder channelOrder, float mean, float std) {
        return new Normalization(channelOrder, new float[] {mean, mean, mean}, new float[] {std, std, std});
    }

    /** @return a copy of the three means */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the three standard deviations */
    @Override
    public float[] std() {
        return std.clone();
    }

    /** Mean of plane {@code p} without a copy. */
    float meanAt(int p) {
        return mean[p];
    }

    /** Std of plane {@code p} without a copy. */
    float stdAt(int p) {
        return std[p];
    }

    private static float[] checkThree(String name, float[] values) {
        if (values == null || values.length != 3) {
            throw new IllegalArgumentException(name + ": expected 3 values (one per channel), got "
                    + (values == null ? "null" : values.length));
        }
        for (int i = 0; i < 3; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + ": must be finite");
            }
        }
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.channelOrder == channelOrder && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * channelOrder.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[" + channelOrder + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
