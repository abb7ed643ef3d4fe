package io.polyface.core.eval;

import io.polyface.core.io.LfwPair;
import io.polyface.core.io.LfwPairList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The LFW "unrestricted, labeled outside data" verification protocol (Huang et al., UMass TR 07-49,
 * 2007, View 2; ../shared/spec/aggregation-and-evaluation.md, "LFW 10-fold accuracy"): for each of the
 * folds in turn, a threshold is chosen on the other folds and accuracy measured on the held-out one;
 * the mean and spread over folds are reported, plus the exact TAR at FAR = 1e-3 over all pairs.
 *
 * <p>Threshold choice: with the rule "genuine when {@code score > threshold}", every split of the sorted
 * training scores is tried (thresholds {@code -∞} and each distinct training score); the first split
 * with the highest training accuracy wins, and the threshold is placed in the middle of its gap, halfway
 * between that score and the next larger training score (unchanged when it is the largest or
 * {@code -∞}). The middle of the gap, rather than its lower end, keeps a held-out score lying just above
 * the training impostors from being called genuine. (InsightFace's {@code verification.py} instead
 * searches a fixed grid of distance thresholds; the exhaustive search here is at least as accurate on
 * the training folds.)
 */
public final class LfwProtocol {

    /** The FAR at which TAR is reported over all pairs. */
    public static final double TARGET_FAR = 1e-3;

    private LfwProtocol() {}

    /**
     * Runs the protocol.
     *
     * @param pairs the pair list (folds, pairs in file order)
     * @param scores one similarity score per pair, in the same order; higher means more similar
     * @return the per-fold and summary figures
     * @throws IllegalArgumentException if the score count differs from the pair count, a score is not
     *     finite (naming the pair and its images), or there are fewer than two folds
     */
    public static LfwResult evaluate(LfwPairList pairs, double[] scores) {
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(scores, "scores");
        List<LfwPair> list = pairs.pairs();
        if (scores.length != list.size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + list.size() + " pairs; expected one score per pair");
        }
        if (pairs.folds() < 2) {
            throw new IllegalArgumentException("the pair list has " + pairs.folds() + " fold; cross-validation needs at least 2");
        }
        boolean[] genuine = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            LfwPair p = list.get(i);
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score of pair " + i + " (" + p.path1() + ", " + p.path2() + ") is " + scores[i]
                        + ", expected a finite number");
            }
            genuine[i] = p.genuine();
        }
        List<LfwFold> folds = new ArrayList<>(pairs.folds());
        double[] acc = new double[pairs.folds()];
        for (int f = 0; f < pairs.folds(); f++) {
            int n = 0;
            for (int i = 0; i < list.size(); i++) {
                n += list.get(i).fold() != f ? 1 : 0;
            }
            double[] trainScores = new double[n];
            boolean[] trainGenuine = new boolean[n];
            int k = 0;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).fold() != f) {
                    trainScores[k] = scores[i];
                    trainGenuine[k++] = genuine[i];
                }
            }
            double[] best = bestThreshold(trainScores, trainGenuine);
            long correct = 0;
            long total = 0;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).fold() == f) {
                    total++;
                    correct += (scores[i] > best[0]) == genuine[i] ? 1 : 0;
                }
            }
            acc[f] = (double) correct / total;
            folds.add(new LfwFold(f, best[0], best[1], acc[f]));
        }
        double mean = Arrays.stream(acc).average().orElseThrow();
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        double std = Math.sqrt(ss / acc.length);
        double standardError = Math.sqrt(ss / (acc.length - 1)) / Math.sqrt(acc.length);
        OperatingPoint tar = VerificationScores.ofPairs(scores, genuine).operatingPoint(TARGET_FAR);
        return new LfwResult(folds, mean, std, standardError, tar);
    }

    /**
     * Finds the most accurate threshold (rule {@code score > t}): the first best split among {@code -∞}
     * and the distinct scores, moved to the middle of the gap above it.
     *
     * @return {@code {threshold, accuracy}}
     */
    static double[] bestThreshold(double[] scores, boolean[] genuine) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        long correct = 0;
        for (boolean g : genuine) {
            correct += g ? 1 : 0; // t = -inf: everything called genuine
        }
        long bestCorrect = correct;
        double bestT = Double.NEGATIVE_INFINITY;
        double nextAboveBest = Double.NaN; // the next distinct score above the best split, once known
        boolean wantNext = false;
        int i = 0;
        while (i < order.length) {
            double v = scores[order[i]];
            if (wantNext) {
                nextAboveBest = v;
                wantNext = false;
            }
            while (i < order.length && scores[order[i]] == v) {
                correct += genuine[order[i]] ? -1 : 1; // raising t to v rejects the pairs scoring v
                i++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestT = v;
                nextAboveBest = Double.NaN;
                wantNext = true;
            }
        }
        double threshold = bestT;
        if (!Double.isNaN(nextAboveBest) && bestT != Double.NEGATIVE_INFINITY) {
            double mid = bestT / 2 + nextAboveBest / 2;
            threshold = mid < nextAboveBest ? mid : bestT; // adjacent doubles: keep the split itself
        }
        return new double[] {threshold, (double) bestCorrect / scores.length};
    }
}
