package io.polyface.train.quality;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Spearman's rank correlation of predicted and target quality (the check of recipe (b) on held-out
 * identities): Pearson's correlation of the ranks, ties given their average rank (Apache Commons Math
 * {@link SpearmansCorrelation} with its default natural ranking).
 */
public final class RankCorrelation {

    private RankCorrelation() {}

    /**
     * Spearman's ρ.
     *
     * @param predicted {@code [n]} predicted quality scores
     * @param target {@code [n]} target quality
     * @return ρ in {@code [-1, 1]}; NaN if either input is constant
     * @throws IllegalArgumentException if the lengths differ, {@code n < 2}, or a value is NaN or infinite
     */
    public static double spearman(float[] predicted, float[] target) {
        if (predicted == null || target == null || predicted.length != target.length || predicted.length < 2) {
            throw new IllegalArgumentException("rank correlation needs two arrays of one length n >= 2, got "
                    + (predicted == null ? "null" : predicted.length) + " and " + (target == null ? "null" : target.length));
        }
        double[] a = new double[predicted.length];
        double[] b = new double[target.length];
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(predicted[i]) || !Float.isFinite(target[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite (predicted " + predicted[i] + ", target "
                        + target[i] + ")");
            }
            a[i] = predicted[i];
            b[i] = target[i];
        }
        return new SpearmansCorrelation().correlation(a, b);
    }
}
