package io.polyface.examples.synth;

/** Argument checks shared by the synthetic-face records (package-private). */
final class Ranges {

    private Ranges() {}

    /**
     * @param name the parameter's name, used in the message
     * @param value the value
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is not finite or outside [min, max]
     */
    static double check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " = " + value + ": expected a value in [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * @param name the parameter's name, used in the message
     * @param rgb a colour packed as 0xRRGGBB
     * @return {@code rgb}
     * @throws IllegalArgumentException if {@code rgb} is outside 0x000000..0xFFFFFF
     */
    static int checkRgb(String name, int rgb) {
        if (rgb < 0 || rgb > 0xFFFFFF) {
            throw new IllegalArgumentException(name + " = " + rgb + ": expected a colour packed as 0xRRGGBB (0.." + 0xFFFFFF + ")");
        }
        return rgb;
    }

    /**
     * @param name the parameter's name, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null
     */
    static <T> T checkNotNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }

    /** @return {@code lo + (hi − lo)·u} for u uniform in [0, 1) drawn from {@code random} */
    static double uniform(java.util.random.RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }
}
