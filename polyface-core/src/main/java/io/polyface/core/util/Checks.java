package io.polyface.core.util;

/**
 * The project's rule for refusing an out-of-range setting: an {@link IllegalArgumentException} whose message names
 * the argument, the value and what was expected. Two wordings are in use and kept, because callers and tests match
 * them: {@code "NAME = VALUE, expected >= MIN"} ({@link #atLeast}, the evaluation entry points) and
 * {@code "NAME must be >= MIN, got VALUE"} ({@link #requireAtLeast}, the builders and records of the models, losses
 * and training).
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

    /**
     * @param name the setting as the message names it (e.g. {@code "workers"}, {@code "warm-up steps"})
     * @param value its value
     * @param min the smallest value allowed
     * @return {@code value}
     * @throws IllegalArgumentException {@code "NAME must be >= MIN, got VALUE"} if {@code value < min}
     */
    public static long requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
