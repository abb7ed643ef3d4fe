package io.polyface.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The scores of a listed pair set (such as IJB-B/C's template pairs, 15,658,489 for IJB-C) held as float32
 * in one caller-supplied array and sorted in place, so that memory is {@code 4} bytes per pair and nothing
 * else of that order: impostor scores in {@code [0, impostorCount)} of the array, genuine scores in
 * {@code [genuineStart, genuineStart + genuineCount)}. Only as many of the largest impostor scores as the
 * questions asked need are sorted (a linear-time selection, {@link TopScores#selectLargest}, then a sort of
 * that part; all of them past {@value #SORT_ALL_BELOW} or once half are needed). From them: the exact TAR at each target FAR
 * ({@link OperatingPoint}, accept when {@code score > threshold}), the ROC curve ({@link RocCurve}: exact
 * points up to FAR 0.1 or the largest target, binned above), and the InsightFace-compatible nearest ROC
 * point ({@link NearestRocPoint}), labelled as such because its FPR may exceed the target. Higher scores
 * mean more similar. For pairs few enough to hold as doubles, {@link VerificationScores} does the same.
 */
public final class SortedPairScores {

    /** The FAR up to which the ROC curve is built from exact scores. */
    private static final double EXACT_ROC_UP_TO = 0.1;
    /** Impostor sets smaller than this are sorted whole at once. */
    static final int SORT_ALL_BELOW = 1 << 20;

    private final float[] scores;
    private final int impostorCount;
    private final int genuineStart;
    private final int genuineCount;
    /** The largest {@code sortedTop} impostor scores lie in {@code [0, sortedTop)}, ascending; the rest after them. */
    private int sortedTop;

    private SortedPairScores(float[] scores, int impostorCount, int genuineStart, int genuineCount) {
        this.scores = scores;
        this.impostorCount = impostorCount;
        this.genuineStart = genuineStart;
        this.genuineCount = genuineCount;
    }

    /**
     * Takes ownership of the array (it is sorted in place, range by range, and must not be used afterwards).
     *
     * @param scores the scores: impostors at {@code [0, impostorCount)}, genuine at
     *     {@code [genuineStart, genuineStart + genuineCount)}; other entries are ignored
     * @param impostorCount the number of impostor scores, {@code >= 1}
     * @param genuineStart where the genuine scores start, {@code >= impostorCount}
     * @param genuineCount the number of genuine scores, {@code >= 1}
     * @return the score set
     * @throws IllegalArgumentException if a count is below 1, the ranges overlap or leave the array, or a
     *     score is NaN or infinite (naming the class and position)
     */
    public static SortedPairScores adopt(float[] scores, int impostorCount, int genuineStart, int genuineCount) {
        Objects.requireNonNull(scores, "scores");
        if (impostorCount < 1) {
            throw new IllegalArgumentException("no impostor scores; at least one is needed");
        }
        if (genuineCount < 1) {
            throw new IllegalArgumentException("no genuine scores; at least one is needed");
        }
        if (impostorCount > scores.length || genuineStart < impostorCount || (long) genuineStart + genuineCount > scores.length) {
            throw new IllegalArgumentException("ranges [0, " + impostorCount + ") and [" + genuineStart + ", "
                    + ((long) genuineStart + genuineCount) + ") do not fit disjointly in " + scores.length + " scores");
        }
        fold(scores, 0, impostorCount, "impostor");
        fold(scores, genuineStart, genuineStart + genuineCount, "genuine");
        Arrays.sort(scores, genuineStart, genuineStart + genuineCount);
        SortedPairScores s = new SortedPairScores(scores, impostorCount, genuineStart, genuineCount);
        if (impostorCount < SORT_ALL_BELOW) {
            s.sortTop(impostorCount);
        }
        return s;
    }

    /** Makes sure the {@code k} largest impostor scores are sorted (more when that is cheaper overall). */
    private void sortTop(int k) {
        if (k <= sortedTop) {
            return;
        }
        int target = Math.max(k, 2 * sortedTop);
        if (2L * target >= impostorCount) {
            target = impostorCount;
        } else {
            TopScores.selectLargest(scores, 0, impostorCount, target);
        }
        Arrays.sort(scores, 0, target);
        sortedTop = target;
    }

    /** The {@code i}-th largest impostor score (0-based), sorting more of them when needed. */
    private float impostorDescending(int i) {
        if (i >= sortedTop) {
            sortTop(Math.max(i + 1, impostorCount / 10));
        }
        return scores[sortedTop - 1 - i];
    }

    private static void fold(float[] a, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            float v = a[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " score " + (i - from) + " is " + v + ", expected a finite number");
            }
            a[i] = v + 0.0f; // folds -0.0 into 0.0
        }
    }

    /**
     * Returns the number of genuine scores.
     *
     * @return {@code N_gen}
     */
    public int genuineCount() {
        return genuineCount;
    }

    /**
     * Returns the number of impostor scores.
     *
     * @return {@code N_imp}
     */
    public int impostorCount() {
        return impostorCount;
    }

    /**
     * Evaluates the target FARs exactly and builds the ROC curve.
     *
     * @param targetFars target FARs, each {@code 0 < far < 1}, at least one
     * @return the counts, one exact operating point per target (in the order given) and the ROC curve
     * @throws IllegalArgumentException if a target is out of range or none is given
     */
    public VerificationResult evaluate(List<Double> targetFars) {
        double[] targets = checked(targetFars);
        long kMax = ExactThreshold.allowedFalseAccepts(EXACT_ROC_UP_TO, impostorCount);
        for (double far : targets) {
            kMax = Math.max(kMax, ExactThreshold.allowedFalseAccepts(far, impostorCount));
        }
        int keep = (int) Math.min(impostorCount, kMax + 1);
        sortTop((int) Math.min(impostorCount, 2L * keep)); // twice: the nearest-point scan then needs no second sort
        double[] top = new double[keep];
        for (int i = 0; i < keep; i++) {
            top[i] = impostorDescending(i);
        }
        double[] genuine = new double[genuineCount];
        for (int i = 0; i < genuineCount; i++) {
            genuine[i] = scores[genuineStart + i];
        }
        List<OperatingPoint> points = new ArrayList<>(targets.length);
        for (double far : targets) {
            points.add(ExactThreshold.operatingPoint(far, top, impostorCount, genuine));
        }
        ScoreHistogram histogram = null;
        if (keep < impostorCount) {
            histogram = new ScoreHistogram(1 << 14);
            for (int i = 0; i < impostorCount; i++) {
                histogram.add(scores[i]);
            }
        }
        return new VerificationResult(genuineCount, impostorCount, points, RocBuilder.build(genuine, top, impostorCount, histogram));
    }

    /**
     * Returns the InsightFace-compatible TPR at the ROC point nearest each target FPR (see
     * {@link NearestRocPoint}), computed in one pass without extra memory of the order of the pairs; the pass
     * stops once the curve is past the largest target, so only that part of the impostor scores is sorted.
     *
     * @param targetFars target FPRs, each {@code 0 < far < 1}, at least one
     * @return one nearest point per target, in the order given
     * @throws IllegalArgumentException if a target is out of range or none is given
     */
    public List<NearestRocPoint> nearestRocPoints(List<Double> targetFars) {
        double[] targets = checked(targetFars);
        int gLast = genuineStart + genuineCount - 1;
        return RocScan.nearest(i -> scores[gLast - i], genuineCount, this::impostorDescending, impostorCount, targets);
    }

    private static double[] checked(List<Double> targetFars) {
        Objects.requireNonNull(targetFars, "targetFars");
        if (targetFars.isEmpty()) {
            throw new IllegalArgumentException("targetFars is empty; expected at least one target FAR");
        }
        double[] t = new double[targetFars.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ExactThreshold.checkFar(Objects.requireNonNull(targetFars.get(i), "target FAR " + i), "target FAR");
        }
        return t;
    }
}
