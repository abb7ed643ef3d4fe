package io.polyface.core.util;

/**
 * The project's one rule for refusing an out-of-range setting: an {@link IllegalArgumentException} whose message
 * names the argument, the value and what was expected, {@code "NAME = VALUE, expected >= MIN"} (as the DJL-style
 * builders' {@code build()} and the evaluation entry points report it).
 */
public final class Checks {

    private Checks() {}

    /**
     * @param name the argument's name as the caller spells it (e.g. {@code "chunkPairs"})
     * @param value its value
     * @param min the smallest value allowed
     * @return {@code value}
     * @throws IllegalArgumentException {@code "NAME = VALUE, expected >= MIN"} if {@code value < min}
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + ", expected >= " + min);
        }
        return value;
    }

    /**
     * @param name the argument's name as the caller spells it
     * @param value its value
     * @param min the smallest value allowed, written as a whole number in the message
     * @return {@code value}
     * @throws IllegalArgumentException {@code "NAME = VALUE, expected >= MIN"} if {@code value < min}
     */
    public static double atLeast(String name, double value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + ", expected >= " + min);
        }
        return value;
    }
}
