package io.polyface.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Genuine and impostor similarity scores held in memory (a pair list such as LFW's, or any set small
 * enough to store every score), with exact TAR@FAR, the ROC curve and the InsightFace-compatible
 * nearest-point TPR. Higher scores mean more similar. For all pairs of a large set use
 * {@link AllPairsEvaluator}, which never stores the impostor scores.
 */
public final class VerificationScores {

    private final double[] genuineAscending;
    private final double[] impostorDescending;

    private VerificationScores(double[] genuineAscending, double[] impostorDescending) {
        this.genuineAscending = genuineAscending;
        this.impostorDescending = impostorDescending;
    }

    /**
     * Copies and validates the scores.
     *
     * @param genuine scores of genuine (same identity) pairs, at least one
     * @param impostor scores of impostor (different identity) pairs, at least one
     * @return the score set
     * @throws IllegalArgumentException if an array is empty or holds a NaN or infinite score (naming
     *     which array and index)
     */
    public static VerificationScores of(double[] genuine, double[] impostor) {
        Objects.requireNonNull(genuine, "genuine");
        Objects.requireNonNull(impostor, "impostor");
        double[] g = checked(genuine, "genuine");
        double[] i = checked(impostor, "impostor");
        Arrays.sort(g);
        return new VerificationScores(g, ExactThreshold.descending(i));
    }

    /**
     * Splits pair scores by their same-identity flags.
     *
     * @param scores one score per pair
     * @param genuine for each pair, whether it is genuine
     * @return the score set
     * @throws IllegalArgumentException if the lengths differ, a class is empty or a score is not finite
     */
    public static VerificationScores ofPairs(double[] scores, boolean[] genuine) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(genuine, "genuine");
        if (scores.length != genuine.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + genuine.length + " genuine flags");
        }
        int nGen = 0;
        for (boolean b : genuine) {
            nGen += b ? 1 : 0;
        }
        double[] g = new double[nGen];
        double[] i = new double[scores.length - nGen];
        int a = 0;
        int b = 0;
        for (int p = 0; p < scores.length; p++) {
            if (!Double.isFinite(scores[p])) {
                throw new IllegalArgumentException("score of pair " + p + " is " + scores[p] + ", expected a finite number");
            }
            if (genuine[p]) {
                g[a++] = scores[p];
            } else {
                i[b++] = scores[p];
            }
        }
        return of(g, i);
    }

    private static double[] checked(double[] scores, String name) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no " + name + " scores; at least one is needed");
        }
        double[] copy = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            if (!Double.isFinite(scores[k])) {
                throw new IllegalArgumentException(name + " score " + k + " is " + scores[k] + ", expected a finite number");
            }
            copy[k] = scores[k] + 0.0; // folds -0.0 into 0.0
        }
        return copy;
    }

    /**
     * Returns the number of genuine scores.
     *
     * @return {@code N_gen}
     */
    public int genuineCount() {
        return genuineAscending.length;
    }

    /**
     * Returns the number of impostor scores.
     *
     * @return {@code N_imp}
     */
    public int impostorCount() {
        return impostorDescending.length;
    }

    /**
     * Computes the exact best operating point for one target FAR (see {@link OperatingPoint}).
     *
     * @param far the target FAR, {@code 0 < far < 1}
     * @return the operating point
     * @throws IllegalArgumentException if {@code far} is out of range
     */
    public OperatingPoint operatingPoint(double far) {
        ExactThreshold.checkFar(far, "far");
        return ExactThreshold.operatingPoint(far, impostorDescending, impostorDescending.length, genuineAscending);
    }

    /**
     * Evaluates several target FARs and the ROC curve.
     *
     * @param targetFars target FARs, each {@code 0 < far < 1}
     * @return the result, operating points in the order given
     * @throws IllegalArgumentException if a target is out of range
     */
    public VerificationResult evaluate(List<Double> targetFars) {
        List<OperatingPoint> points = new ArrayList<>(targetFars.size());
        for (double far : targetFars) {
            points.add(operatingPoint(far));
        }
        return new VerificationResult(genuineAscending.length, impostorDescending.length, points, roc());
    }

    /**
     * Returns the ROC curve on a logarithmic FAR grid (20 points per decade), every point exact.
     *
     * @return the curve
     */
    public RocCurve roc() {
        return RocBuilder.build(genuineAscending, impostorDescending, impostorDescending.length, null);
    }

    /**
     * Returns the InsightFace-compatible TPR at the ROC point nearest the target FPR (see
     * {@link NearestRocPoint}); labelled as such because its FPR may exceed the target.
     *
     * @param far the target FPR, {@code 0 < far < 1}
     * @return the nearest ROC point
     * @throws IllegalArgumentException if {@code far} is out of range
     */
    public NearestRocPoint nearestRocPoint(double far) {
        ExactThreshold.checkFar(far, "far");
        int nGen = genuineAscending.length;
        return RocScan.nearest(i -> genuineAscending[nGen - 1 - i], nGen, i -> impostorDescending[i], impostorDescending.length,
                new double[] {far}).get(0);
    }
}
