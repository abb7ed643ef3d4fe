package io.polyface.core.search;

import io.polyface.core.flops.Convention;
import io.polyface.core.util.OrderedMaps;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * FLOPs ≤ a budget under a named convention, per image at the network's input size (112×112 for the
 * presets, the model's own crop and resize counted as {@code shared/spec/architectures.md} §3 says).
 *
 * @param convention the counting convention (the LFR-2019 rule by default on the command line)
 * @param maxFlops the budget, &gt; 0
 */
public record FlopsBudget(Convention convention, long maxFlops) implements Constraint {

    /** Validates. */
    public FlopsBudget {
        if (convention == null) {
            throw new IllegalArgumentException("a FLOPs budget needs a convention (lfr, macs or full)");
        }
        if (maxFlops <= 0) {
            throw new IllegalArgumentException("FLOPs budget must be > 0, got " + maxFlops);
        }
    }

    /**
     * Parses a count with an optional SI suffix: {@code 1G} = 10⁹, {@code 0.1G}, {@code 500M}, {@code 30g},
     * {@code 2.5e8}, {@code 1000000}. Suffixes K, M, G, T (powers of 1000, case-insensitive).
     *
     * @param text the count
     * @param what what is being parsed, for the message (e.g. {@code --budget})
     * @return the count, rounded down to an integer
     * @throws IllegalArgumentException naming {@code what} and the text unless it is a positive number
     */
    public static long parseCount(String text, String what) {
        String t = text == null ? "" : text.strip();
        int exponent = 0;
        if (!t.isEmpty()) {
            char last = Character.toUpperCase(t.charAt(t.length() - 1));
            exponent = switch (last) {
                case 'K' -> 3;
                case 'M' -> 6;
                case 'G' -> 9;
                case 'T' -> 12;
                default -> 0;
            };
            if (exponent > 0) {
                t = t.substring(0, t.length() - 1).strip();
            }
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t).scaleByPowerOfTen(exponent);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "': expected a positive number with an optional K, M, G or T suffix"
                    + " (e.g. 1G, 0.1G, 500M, 30000000000)");
        }
        if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || v.longValue() <= 0) {
            throw new IllegalArgumentException(what + " '" + text + "' must be at least 1 and at most " + Long.MAX_VALUE);
        }
        return v.longValue();
    }

    /**
     * @param text e.g. {@code 1G}, {@code 0.1G}, {@code 500M} ({@link #parseCount})
     * @param convention the convention
     * @return the budget
     * @throws IllegalArgumentException for a bad text
     */
    public static FlopsBudget parse(String text, Convention convention) {
        return new FlopsBudget(convention, parseCount(text, "--budget"));
    }

    /**
     * @param flops a FLOPs count under {@link #convention()}
     * @return flops / budget
     */
    public double use(long flops) {
        return flops / (double) maxFlops;
    }

    @Override
    public boolean admits(Candidate candidate) {
        return candidate.cost().flops(convention) <= maxFlops;
    }

    @Override
    public String explain(Candidate candidate) {
        return String.format(Locale.ROOT, "%s FLOPs %,d > budget %,d", convention.id(), candidate.cost().flops(convention), maxFlops);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s FLOPs <= %,d (%s GFLOPs)", convention.id(), maxFlops, gflopsText());
    }

    /** @return the budget in GFLOPs without trailing zeros, e.g. {@code 0.1}, {@code 30} */
    public String gflopsText() {
        return BigDecimal.valueOf(maxFlops).scaleByPowerOfTen(-9).stripTrailingZeros().toPlainString();
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("type", "flops", "convention", convention.id(), "max", maxFlops);
    }
}
