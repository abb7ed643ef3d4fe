package io.polyface.core.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The exact TAR@FAR rule of ../shared/spec/aggregation-and-evaluation.md ("Exact best operating
 * point"), shared by verification (TAR@FAR) and open-set identification (TPIR@FPIR).
 */
final class ExactThreshold {

    private ExactThreshold() {}

    /**
     * Validates a target false accept rate.
     *
     * @param far the target
     * @param name the argument's name, for the message
     * @return {@code far}
     * @throws IllegalArgumentException unless {@code 0 < far < 1}
     */
    static double checkFar(double far, String name) {
        if (!(far > 0 && far < 1)) {
            throw new IllegalArgumentException(name + " = " + far + ", expected 0 < " + name + " < 1");
        }
        return far;
    }

    /**
     * Returns {@code k = ⌊far · negatives⌋}, computed exactly in decimal on the shortest decimal form of
     * {@code far} ({@link Double#toString}), so that e.g. {@code 1e-8 × 100,000,000 = 1}.
     *
     * @param far the target rate, {@code 0 < far < 1}
     * @param negatives the number of negative (impostor) trials, {@code >= 0}
     * @return the number of negatives that may be accepted, {@code 0 <= k < negatives} (or 0)
     */
    static long allowedFalseAccepts(double far, long negatives) {
        return new BigDecimal(Double.toString(far)).multiply(BigDecimal.valueOf(negatives))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /**
     * Computes the exact operating point.
     *
     * @param far the target FAR, {@code 0 < far < 1}
     * @param topNegativesDescending the largest negative scores, descending; at least {@code k+1} of them
     * @param negatives the total number of negative trials {@code N_imp >= 1}
     * @param positivesAscending all positive (genuine) scores, ascending, at least one
     * @return the operating point
     * @throws IllegalStateException if fewer than {@code k+1} top negative scores were kept
     */
    static OperatingPoint operatingPoint(double far, double[] topNegativesDescending, long negatives, double[] positivesAscending) {
        long k = allowedFalseAccepts(far, negatives);
        if (k >= topNegativesDescending.length) {
            throw new IllegalStateException("FAR " + far + " needs the " + (k + 1) + " largest impostor scores, only "
                    + topNegativesDescending.length + " were kept");
        }
        double t = topNegativesDescending[(int) k];
        long accepted = countGreaterDescending(topNegativesDescending, (int) k, t);
        long genuineAccepted = countGreater(positivesAscending, t);
        return new OperatingPoint(far, (double) genuineAccepted / positivesAscending.length, (double) accepted / negatives, t,
                genuineAccepted, accepted, k, k == 0);
    }

    /**
     * Counts the values of a descending array strictly greater than {@code t = a[index]}.
     *
     * @param a descending values
     * @param index an index with {@code a[index] == t}
     * @param t the value
     * @return the number of leading values {@code > t}
     */
    static int countGreaterDescending(double[] a, int index, double t) {
        int lo = 0;
        int hi = index; // a[hi] == t; find the first index whose value is <= t
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] > t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Counts the values of an ascending array strictly greater than {@code t}.
     *
     * @param ascending ascending values
     * @param t the threshold
     * @return how many are {@code > t}
     */
    static long countGreater(double[] ascending, double t) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return ascending.length - lo;
    }

    /**
     * Returns a descending copy.
     *
     * @param values the values
     * @return a new array sorted from largest to smallest
     */
    static double[] descending(double[] values) {
        double[] d = values.clone();
        Arrays.sort(d);
        for (int i = 0, j = d.length - 1; i < j; i++, j--) {
            double x = d[i];
            d[i] = d[j];
            d[j] = x;
        }
        return d;
    }
}
