package io.polyface.core.arch.preset;

/**
 * The width-multiplier rounding rule of {@code shared/spec/architectures.md} §1:
 * c′ = max(8, ⌊c·w/8 + ½⌋·8).
 */
public final class Widths {

    private Widths() {}

    /**
     * Scales a channel count.
     *
     * @param channels c, the width at multiplier 1
     * @param multiplier w &gt; 0
     * @return c′ = max(8, ⌊c·w/8 + ½⌋·8); exactly {@code channels} when w = 1 and c is a multiple of 8
     */
    public static int scale(int channels, double multiplier) {
        if (multiplier == 1.0) {
            return channels;
        }
        return Math.max(8, (int) Math.floor(channels * multiplier / 8 + 0.5) * 8);
    }

    /**
     * Validates a width multiplier.
     *
     * @param multiplier w
     * @return w
     * @throws IllegalArgumentException unless 0 &lt; w ≤ 4
     */
    public static double check(double multiplier) {
        if (!(multiplier > 0 && multiplier <= 4)) {
            throw new IllegalArgumentException("width multiplier must be in (0, 4], got " + multiplier);
        }
        return multiplier;
    }
}
