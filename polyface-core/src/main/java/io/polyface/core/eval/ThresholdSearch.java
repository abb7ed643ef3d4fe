package io.polyface.core.eval;

import io.polyface.core.util.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact TAR@FAR when the {@code k + 1} largest impostor scores do not fit in memory (FAR 1e-4 over the LFR test set's
 * 1.7·10¹² impostor pairs needs 1.7·10⁸ of them): the threshold, the {@code (k+1)}-th largest impostor score, is
 * found by selection over repeated passes instead of one bounded buffer.
 *
 * <ol>
 *   <li>A first pass ({@link PairScoreSummary} keeping at most {@code maxKept} scores) gives all genuine scores, the
 *       largest impostor scores and the impostor histogram. Targets whose {@code k + 1 <= maxKept} are exact from the
 *       kept scores. For the others the histogram's tail counts bracket the threshold: it lies in the bin {@code b}
 *       with {@code tail(b+1) <= k < tail(b)}, above which {@code tail(b+1)} impostor scores lie.</li>
 *   <li>Each further pass ({@link #nextPass()}) scores all pairs again and, per open bracket, keeps its scores when
 *       they fit (at most {@code maxKept} in all) or else counts them in equal sub-ranges of representable floats,
 *       which narrows the bracket (by 16,384 sub-ranges a pass: one refining pass reaches single floats for scores of
 *       magnitude above about 10⁻³). A bracket narrowed to one float needs no keeping: the threshold is that value.</li>
 * </ol>
 * Every figure then equals what {@link PairScoreSummary#result} gives with all {@code k + 1} scores kept (same rule,
 * same ties). Each pass checks that the bracket holds exactly the count the previous pass found; a scorer whose scores
 * changed between passes fails with {@link IllegalStateException}. The ROC curve is the first pass's: exact points
 * where the kept scores reach, binned points above.
 */
public final class ThresholdSearch {

    private static final int REFINE_BINS = 1 << 14;

    /** One target FAR's search state. */
    private static final class Target {
        final double far;
        final long k;
        long above;
        long inside;
        int lo;
        int hi;
        OperatingPoint point;

        Target(double far, long k) {
            this.far = far;
            this.k = k;
        }
    }

    private final List<Double> targetFars;
    private final PairScoreSummary firstPass;
    private final double[] genuineAscending;
    private final double[] topDescending;
    private final int maxKept;
    private final List<Target> targets = new ArrayList<>();
    private BracketPass pending;
    private int passes = 1;

    private ThresholdSearch(List<Double> targetFars, PairScoreSummary firstPass, int maxKept) {
        this.targetFars = List.copyOf(targetFars);
        this.firstPass = firstPass;
        this.maxKept = maxKept;
        this.genuineAscending = firstPass.genuineAscending();
        this.topDescending = firstPass.topDescending();
    }

    /**
     * Starts the search from the merged first pass.
     *
     * @param firstPass the summary of all pairs, keeping {@code min(k_max + 1, maxKept)} impostor scores
     * @param targetFars the targets, each {@code 0 < far < 1}
     * @param maxKept the most impostor scores a pass may keep in all, {@code >= 1}
     * @return the search; {@link #done()} when every target is exact from the first pass
     * @throws IllegalArgumentException if a target or {@code maxKept} is out of range, or there are no genuine or
     *     no impostor pairs
     */
    public static ThresholdSearch start(PairScoreSummary firstPass, List<Double> targetFars, int maxKept) {
        Objects.requireNonNull(firstPass, "firstPass");
        Checks.atLeast("maxKept", maxKept, 1);
        ThresholdSearch s = new ThresholdSearch(targetFars, firstPass, maxKept);
        long impostors = firstPass.impostorCount();
        long[] tail = firstPass.histogram().tail();
        for (double far : targetFars) {
            ExactThreshold.checkFar(far, "target FAR");
            Target t = new Target(far, ExactThreshold.allowedFalseAccepts(far, impostors));
            if (t.k < s.topDescending.length) {
                t.point = ExactThreshold.operatingPoint(far, s.topDescending, impostors, s.genuineAscending);
            } else {
                int b = tail.length - 2;
                while (tail[b] <= t.k) {
                    b--;
                }
                t.above = tail[b + 1];
                t.inside = tail[b] - tail[b + 1];
                t.lo = firstKey(firstPass.histogram(), b);
                t.hi = firstKey(firstPass.histogram(), b + 1) - 1;
                s.resolveSingleValue(t);
            }
            s.targets.add(t);
        }
        return s;
    }

    /** The smallest key whose score falls in histogram bin {@code >= b} ({@link ScoreKeys#MAX} + 1 past the end). */
    private static int firstKey(ScoreHistogram h, int b) {
        if (b >= h.bins()) {
            return ScoreKeys.MAX + 1;
        }
        long lo = ScoreKeys.MIN;
        long hi = ScoreKeys.MAX;
        while (lo < hi) {
            long mid = (lo + hi) >> 1;
            if (h.bin(ScoreKeys.value((int) mid)) >= b) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return (int) lo;
    }

    /** @return whether every target's operating point is known */
    public boolean done() {
        return targets.stream().allMatch(t -> t.point != null);
    }

    /** @return the passes over all pairs so far, the first included */
    public int passes() {
        return passes;
    }

    /**
     * Returns the next pass: what the workers keep or count.
     *
     * @return the pass
     * @throws IllegalStateException if the search is done or a pass is still pending
     */
    public BracketPass nextPass() {
        if (done()) {
            throw new IllegalStateException("the search is done");
        }
        if (pending != null) {
            throw new IllegalStateException("the previous pass has not been accepted");
        }
        Map<Long, Long> open = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.point == null) {
                open.put(rangeKey(t), t.inside);
            }
        }
        long share = Math.max(1, maxKept / open.size());
        List<BracketPass.Bracket> brackets = new ArrayList<>();
        for (Map.Entry<Long, Long> e : open.entrySet()) {
            int lo = (int) (e.getKey() >> 32);
            int hi = (int) (long) e.getKey();
            long keys = (long) hi - lo + 1;
            if (e.getValue() <= share) {
                brackets.add(new BracketPass.Bracket(lo, hi, true, 1, 0));
            } else {
                int bins = (int) Math.min(REFINE_BINS, keys);
                long width = (keys + bins - 1) / bins;
                brackets.add(new BracketPass.Bracket(lo, hi, false, width, (int) ((keys + width - 1) / width)));
            }
        }
        pending = new BracketPass(brackets);
        return pending;
    }

    /**
     * Takes the merged counts of every worker for the pending pass.
     *
     * @param counts the counts of all pairs for the pass {@link #nextPass()} returned
     * @throws IllegalStateException if no pass is pending, or a bracket's count differs from what the previous pass
     *     found (the scores changed between passes)
     */
    public void accept(BracketPass.Counts counts) {
        if (pending == null) {
            throw new IllegalStateException("no pass is pending");
        }
        List<BracketPass.Bracket> brackets = pending.brackets();
        for (Target t : targets) {
            if (t.point != null) {
                continue;
            }
            int b = 0;
            while (brackets.get(b).lo() != t.lo || brackets.get(b).hi() != t.hi) {
                b++;
            }
            BracketPass.Bracket br = brackets.get(b);
            if (br.collect()) {
                double[] kept = counts.keptDescending(b);
                check(kept.length, t);
                int index = (int) (t.k - t.above);
                double threshold = kept[index];
                t.point = point(t, threshold, t.above + ExactThreshold.countGreaterDescending(kept, index, threshold));
            } else {
                long[] bins = counts.binCounts(b);
                long sum = 0;
                for (long c : bins) {
                    sum += c;
                }
                check(sum, t);
                long above = t.above;
                int s = bins.length - 1;
                while (above + bins[s] <= t.k) {
                    above += bins[s];
                    s--;
                }
                t.above = above;
                t.inside = bins[s];
                t.lo = (int) (br.lo() + s * br.width());
                t.hi = (int) Math.min(br.hi(), br.lo() + (s + 1) * br.width() - 1);
                resolveSingleValue(t);
            }
        }
        pending = null;
        passes++;
    }

    /**
     * Returns the result once {@link #done()}.
     *
     * @return the counts, the exact operating points (in the order of the targets) and the first pass's ROC curve
     * @throws IllegalStateException if the search is not done
     */
    public VerificationResult result() {
        if (!done()) {
            throw new IllegalStateException("the search needs more passes");
        }
        List<OperatingPoint> points = new ArrayList<>();
        for (Target t : targets) {
            points.add(t.point);
        }
        return new VerificationResult(firstPass.genuineCount(), firstPass.impostorCount(), points,
                firstPass.roc(genuineAscending, topDescending));
    }

    /** @return the targets, in order */
    public List<Double> targetFars() {
        return targetFars;
    }

    private void resolveSingleValue(Target t) {
        if (t.lo == t.hi) {
            t.point = point(t, ScoreKeys.value(t.lo), t.above);
        }
    }

    private OperatingPoint point(Target t, double threshold, long impostorsAccepted) {
        long genuineAccepted = ExactThreshold.countGreater(genuineAscending, threshold);
        return new OperatingPoint(t.far, (double) genuineAccepted / genuineAscending.length,
                (double) impostorsAccepted / firstPass.impostorCount(), threshold, genuineAccepted, impostorsAccepted, t.k, t.k == 0);
    }

    private static long rangeKey(Target t) {
        return ((long) t.lo << 32) | (t.hi & 0xffffffffL);
    }

    private static void check(long found, Target t) {
        if (found != t.inside) {
            throw new IllegalStateException("the bracket of FAR " + t.far + " holds " + found + " impostor scores in this pass but "
                    + t.inside + " in the previous one: the scores changed between passes");
        }
    }
}
