package io.polyface.core.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Independent reference for TAR@FAR, written as the optimisation the spec describes rather than as an
 * order statistic: among all candidate thresholds (every score and -∞) whose rule {@code score > t}
 * accepts at most {@code k = ⌊FAR·N_imp⌋} impostors, take the smallest (the most permissive), then
 * count by direct comparison. O(n²); for test-sized inputs only.
 */
final class BruteForce {

    /** The reference figures. */
    record Expected(double threshold, long genuineAccepted, long impostorsAccepted, long k) {
        double tar(long nGen) {
            return (double) genuineAccepted / nGen;
        }
    }

    private BruteForce() {}

    static long k(double far, long impostors) {
        // decimal reading of the target, as the spec intends "1e-8 x 1e8 = 1"
        return new BigDecimal(Double.toString(far)).multiply(BigDecimal.valueOf(impostors)).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    static Expected tarAtFar(double[] genuine, double[] impostor, double far) {
        long k = k(far, impostor.length);
        double best = Double.POSITIVE_INFINITY;
        double[][] sets = {genuine, impostor};
        for (double[] set : sets) {
            for (double t : set) {
                if (t < best && countAbove(impostor, t) <= k) {
                    best = t;
                }
            }
        }
        if (countAbove(impostor, Double.NEGATIVE_INFINITY) <= k) {
            best = Double.NEGATIVE_INFINITY;
        }
        return new Expected(best, countAbove(genuine, best), countAbove(impostor, best), k);
    }

    static long countAbove(double[] scores, double t) {
        long n = 0;
        for (double s : scores) {
            if (s > t) {
                n++;
            }
        }
        return n;
    }
}
