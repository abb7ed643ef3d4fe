package io.polyface.bench.rounds;

import java.util.Arrays;
import java.util.List;

/**
 * The median and range (minimum to maximum) of one figure over interleaved measurement rounds: the median is what the
 * benchmarks report (it ignores one disturbed round out of three, where a mean would not), the range says how far the
 * rounds spread.
 *
 * @param median the median (mean of the middle two for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param rounds how many values
 */
public record Spread(double median, double min, double max, int rounds) {

    /**
     * @param values one value per round, at least one, all finite
     * @return their median and range
     * @throws IllegalArgumentException if there is no value or one is not finite
     */
    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one round, got none");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        if (!Double.isFinite(s[0]) || !Double.isFinite(s[s.length - 1])) {
            throw new IllegalArgumentException("round values must be finite, got " + Arrays.toString(values));
        }
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Spread(median, s[0], s[n - 1], n);
    }

    /**
     * @param values one value per round
     * @return their median and range
     * @throws IllegalArgumentException as {@link #of(double...)}
     */
    public static Spread of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The per-round ratio {@code numerator[r] / denominator[r]} (both measured in round r, so that a change of load
     * between rounds cancels), summarised over the rounds.
     *
     * @param numerator one value per round
     * @param denominator one value per round, same count, non-zero
     * @return the median and range of the per-round ratios
     * @throws IllegalArgumentException if the counts differ or there is no round
     */
    public static Spread ofRatios(List<Double> numerator, List<Double> denominator) {
        if (numerator.size() != denominator.size()) {
            throw new IllegalArgumentException("ratio of " + numerator.size() + " rounds over " + denominator.size()
                    + " rounds; expected the same rounds on both sides");
        }
        double[] r = new double[numerator.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = numerator.get(i) / denominator.get(i);
        }
        return of(r);
    }

    /** @return {@code (max − min) / median}: the range relative to the median */
    public double relativeRange() {
        return (max - min) / median;
    }

    /**
     * @param format a {@link String#format} pattern for one value, e.g. {@code %.3f}
     * @return e.g. {@code 0.912 (0.881–0.950)}
     */
    public String format(String format) {
        return String.format(java.util.Locale.ROOT, format + " (" + format + "–" + format + ")", median, min, max);
    }
}
