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
     * Counts the scores {@code s[from, to)}.
     *
     * @param s the scores
     * @param from the first index
     * @param to the end index (exclusive)
     */
    void addAll(float[] s, int from, int to) {
        final long[] c = counts;
        final float half = halfBins;
        final int last = c.length - 1;
        for (int k = from; k < to; k++) {
            int b = (int) ((s[k] + 1f) * half); // as bin(score)
            c[b < 0 ? 0 : Math.min(b, last)]++;
        }
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
