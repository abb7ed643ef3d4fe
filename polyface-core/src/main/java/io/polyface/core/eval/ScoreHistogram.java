package io.polyface.core.eval;

/**
 * Counts cosine scores in equal-width bins over {@code [-1, 1]} (scores just outside, from float
 * rounding, go to the end bins). Bin {@code b} holds scores whose {@link #bin} is {@code b}; the bin
 * index is non-decreasing in the score, so "bin >= b" is a threshold rule and each bin edge gives a
 * true ROC point. Not thread-safe: one per thread, then {@link #add(ScoreHistogram)}.
 */
final class ScoreHistogram {

    private final long[] counts;
    private final float halfBins;
    /** Pruning state of {@link #addAll(float[], int, int, TopScores)}: the bin {@code p} and the count at or above it. */
    private int pruneBin;
    private long countAbovePrune;

    /**
     * Creates an empty histogram.
     *
     * @param bins the number of bins, {@code >= 2}
     */
    ScoreHistogram(int bins) {
        counts = new long[bins];
        halfBins = bins * 0.5f;
    }

    /**
     * Returns the bin of a score.
     *
     * @param score a cosine score
     * @return {@code clamp(⌊(score + 1)·bins/2⌋, 0, bins-1)}
     */
    int bin(float score) {
        int b = (int) ((score + 1f) * halfBins);
        return b < 0 ? 0 : Math.min(b, counts.length - 1);
    }

    /**
     * Counts one score.
     *
     * @param score the score
     */
    void add(float score) {
        counts[bin(score)]++;
    }

    /**
     * Counts the scores {@code s[from, to)} and offers them to {@code top}, in one pass over the scores (the fused
     * scan of {@link AllPairsEvaluator}): the same counts as {@link #add(float)} of each score, and {@code top}
     * ends with the same multiset as after {@link TopScores#offer} of each.
     *
     * <p>Threshold pruning: a score's bin is computed for the count anyway and is non-decreasing in the score, so
     * once this histogram holds at least {@code top.capacity()} scores in the bins at or above some bin {@code p},
     * a score in a bin below {@code p} is smaller than that many others and cannot be among the largest. The scan
     * keeps the highest such {@code p} up to date as it counts (amortised O(1) per score), raises the floor of
     * {@code top} to the largest float below bin {@code p} and compares only the rare score at or above {@code p}
     * with that floor. Meant for one {@code top} per histogram, fed only through this method.
     *
     * @param s the scores (none NaN)
     * @param from the first index
     * @param to the end index (exclusive)
     * @param top the largest scores so far of every score counted here
     */
    void addAll(float[] s, int from, int to, TopScores top) {
        final long[] c = counts;
        final float half = halfBins;
        final int last = c.length - 1;
        int p = pruneBin;
        for (int k = from; k < to; k++) {
            final float v = s[k];
            int b = (int) ((v + 1f) * half); // as bin(score)
            b = b < 0 ? 0 : Math.min(b, last);
            c[b]++;
            if (b >= p) { // rare once the top scores have filled: the loop stays small, the work is out of line
                p = admit(v, top);
            }
        }
    }

    /**
     * The rare path of {@link #addAll(float[], int, int, TopScores)}: a score just counted in a bin at or above the
     * prune bin is offered to {@code top} if it beats the floor, and the prune bin rises while the bins above it alone
     * hold {@code top.capacity()} scores (the floor of {@code top} following it).
     *
     * @return the prune bin now
     */
    private int admit(float v, TopScores top) {
        long above = ++countAbovePrune;
        if (v > top.floor()) {
            top.offer(v);
        }
        int p = pruneBin;
        long keep = top.capacity();
        if (above - counts[p] >= keep) { // bins above p alone hold enough: raise p
            while (above - counts[p] >= keep) {
                above -= counts[p];
                p++;
            }
            pruneBin = p;
            countAbovePrune = above;
            top.raiseFloor(largestBelow(p));
        }
        return p;
    }

    /** @return the bin below which {@link #addAll(float[], int, int, TopScores)} no longer offers scores */
    int pruneBin() {
        return pruneBin;
    }

    /**
     * Returns the largest float score whose bin is below {@code b}.
     *
     * @param b a bin, {@code 1 <= b < bins}
     * @return the largest {@code x} with {@code bin(x) < b}
     */
    float largestBelow(int b) {
        // bisection over the floats of [-2, 2] in their order (as ordered int keys); bin(-2) = 0 < b <= bins-1 = bin(2)
        long lo = orderedKey(-2f);
        long hi = orderedKey(2f);
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (bin(fromOrderedKey(mid)) < b) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return fromOrderedKey(lo);
    }

    /** An int that orders floats as their values do (-0 just below +0), widened to long. */
    private static long orderedKey(float x) {
        int i = Float.floatToRawIntBits(x);
        return (long) (i >= 0 ? i : i ^ 0x7fffffff) - Integer.MIN_VALUE;
    }

    private static float fromOrderedKey(long key) {
        int i = (int) (key + Integer.MIN_VALUE);
        return Float.intBitsToFloat(i >= 0 ? i : i ^ 0x7fffffff);
    }

    /**
     * Adds another histogram's counts.
     *
     * @param other a histogram with the same number of bins
     */
    void add(ScoreHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        restartPruning();
    }

    /**
     * Adds counts given as an array (a histogram's {@link #counts()}).
     *
     * @param other one count per bin
     * @throws IllegalArgumentException if the number of bins differs
     */
    void addCounts(long[] other) {
        if (other.length != counts.length) {
            throw new IllegalArgumentException(other.length + " bins, expected " + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other[i];
        }
        restartPruning();
    }

    /** After counts are added from elsewhere (a merge of summaries) the count at or above the prune bin is taken anew from bin 0. */
    private void restartPruning() {
        pruneBin = 0;
        long total = 0;
        for (long n : counts) {
            total += n;
        }
        countAbovePrune = total;
    }

    /**
     * Returns the counts.
     *
     * @return a copy, one count per bin
     */
    long[] counts() {
        return counts.clone();
    }

    /**
     * Returns the number of bins.
     *
     * @return the bin count
     */
    int bins() {
        return counts.length;
    }

    /**
     * Returns the lower edge of a bin.
     *
     * @param b the bin
     * @return {@code b/(bins/2) - 1}
     */
    double lowerEdge(int b) {
        return b / (double) halfBins - 1.0;
    }

    /**
     * Returns the tail counts: {@code tail[b]} = scores in bins {@code >= b}; {@code tail[bins] = 0}.
     *
     * @return a new array of {@code bins + 1} counts
     */
    long[] tail() {
        long[] t = new long[counts.length + 1];
        for (int b = counts.length - 1; b >= 0; b--) {
            t[b] = t[b + 1] + counts[b];
        }
        return t;
    }
}
