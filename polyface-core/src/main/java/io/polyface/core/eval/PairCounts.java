package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pair counts of all-pairs verification over {@code N} labelled embeddings: every unordered pair {@code i < j}
 * once, genuine when the labels are equal (../shared/spec/aggregation-and-evaluation.md, LFR image protocol).
 * {@link AllPairsEvaluator} and polyface-spark check their input and size their buffers with it.
 *
 * @param embeddings {@code N}
 * @param genuine {@code N_gen = Σ_c n_c(n_c − 1)/2} over the identities {@code c}
 * @param impostors {@code N_imp = N(N − 1)/2 − N_gen}
 */
public record PairCounts(int embeddings, long genuine, long impostors) {

    /**
     * Counts the pairs of integer labels.
     *
     * @param labels the identity of each embedding (any int values)
     * @return the counts
     * @throws IllegalArgumentException if there are no genuine or no impostor pairs, or more genuine pairs than one
     *     array holds
     */
    public static PairCounts of(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        int n = labels.length;
        Map<Integer, Long> sizes = new HashMap<>();
        for (int l : labels) {
            sizes.merge(l, 1L, Long::sum);
        }
        long genuine = 0;
        for (long c : sizes.values()) {
            genuine += c * (c - 1) / 2;
        }
        long impostors = (long) n * (n - 1) / 2 - genuine;
        if (genuine == 0) {
            throw new IllegalArgumentException("no genuine pairs: each of the " + n + " labels occurs once");
        }
        if (impostors == 0) {
            throw new IllegalArgumentException("no impostor pairs: all " + n + " embeddings have the same label");
        }
        if (genuine > FeatureMatrix.MAX_ELEMENTS) {
            throw new IllegalArgumentException(genuine + " genuine pairs: more than the " + FeatureMatrix.MAX_ELEMENTS
                    + " genuine scores this evaluator can hold");
        }
        return new PairCounts(n, genuine, impostors);
    }

    /**
     * Maps string labels to ints, equal labels to equal ints (first occurrence order).
     *
     * @param labels the identity label of each embedding, non-null
     * @return the int labels
     * @throws NullPointerException naming the index of a null label
     */
    public static int[] labelIds(List<String> labels) {
        Map<String, Integer> ids = new HashMap<>();
        int[] ints = new int[labels.size()];
        for (int i = 0; i < ints.length; i++) {
            String label = Objects.requireNonNull(labels.get(i), "label " + i);
            ints[i] = ids.computeIfAbsent(label, x -> ids.size());
        }
        return ints;
    }

    /** @return all pairs, {@code N(N − 1)/2} */
    public long pairs() {
        return genuine + impostors;
    }

    /**
     * Returns {@code k = ⌊far·N_imp⌋}, the impostor pairs a target FAR allows (decimal arithmetic, {@link OperatingPoint}).
     *
     * @param far the target, {@code 0 < far < 1}
     * @return {@code k}
     * @throws IllegalArgumentException if {@code far} is out of range
     */
    public long allowedFalseAccepts(double far) {
        return ExactThreshold.allowedFalseAccepts(ExactThreshold.checkFar(far, "target FAR"), impostors);
    }

    /**
     * Returns how many of the largest impostor scores give the exact threshold of every target: {@code k_max + 1},
     * at most {@code N_imp}.
     *
     * @param targetFars the targets, each {@code 0 < far < 1}
     * @return {@code min(N_imp, max_far ⌊far·N_imp⌋ + 1)}
     */
    public long keptImpostorScores(List<Double> targetFars) {
        long maxK = 0;
        for (double far : targetFars) {
            maxK = Math.max(maxK, allowedFalseAccepts(far));
        }
        return Math.min(impostors, maxK + 1);
    }
}
