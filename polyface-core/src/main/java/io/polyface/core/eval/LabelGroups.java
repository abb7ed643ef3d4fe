package io.polyface.core.eval;

import java.util.Arrays;

/**
 * The rows of each identity, so that the genuine pairs of a row within a column range are found without
 * comparing the row's label with every column's: the row indices sorted by (label, index), each row's
 * position in that order and the end of its label's run. Built once per label array in
 * {@code O(N log N)}; a row's genuine columns in {@code [lo, hi)} then cost a binary search plus one step
 * per genuine column.
 */
final class LabelGroups {

    private final int[] labels;
    /** Row indices sorted by (label, index). */
    private final int[] sorted;
    /** {@code position[i]}: where row {@code i} is in {@link #sorted}. */
    private final int[] position;
    /** {@code groupStart[p]}, {@code groupEnd[p]}: the run of {@code sorted[p]}'s label in {@link #sorted}. */
    private final int[] groupStart;
    private final int[] groupEnd;

    private LabelGroups(int[] labels) {
        this.labels = labels;
        int n = labels.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) labels[i] << 32) | i; // label in the high half, row index in the low half
        }
        Arrays.sort(keys);
        sorted = new int[n];
        position = new int[n];
        groupStart = new int[n];
        groupEnd = new int[n];
        for (int p = 0; p < n; p++) {
            sorted[p] = (int) keys[p];
            position[sorted[p]] = p;
        }
        for (int p = 0; p < n; ) {
            int q = p + 1;
            while (q < n && labels[sorted[q]] == labels[sorted[p]]) {
                q++;
            }
            Arrays.fill(groupStart, p, q, p);
            Arrays.fill(groupEnd, p, q, q);
            p = q;
        }
    }

    /**
     * The groups of a label array, reusing {@code cached} when it was built from the same array.
     *
     * @param cached the groups built last time, or null
     * @param labels the identity of every row
     * @return groups of {@code labels}
     */
    static LabelGroups of(LabelGroups cached, int[] labels) {
        return cached != null && cached.labels == labels ? cached : new LabelGroups(labels);
    }

    /**
     * The first position, in {@link #sorted}, of a row with row {@code i}'s label and an index {@code >= lo}.
     *
     * @param i a row
     * @param lo the smallest column index wanted
     * @return a position in {@code [groupStart, groupEnd]} of row {@code i}'s label
     */
    int firstAtLeast(int i, int lo) {
        int p = position[i];
        int a = groupStart[p];
        int b = groupEnd[p];
        while (a < b) {
            int m = (a + b) >>> 1;
            if (sorted[m] < lo) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    /**
     * The row at a position, or {@code Integer.MAX_VALUE} past the end of row {@code i}'s label run.
     *
     * @param i the row whose label run is walked
     * @param p a position returned by {@link #firstAtLeast} or one after it
     * @return the row index, or {@code Integer.MAX_VALUE}
     */
    int rowAt(int i, int p) {
        return p < groupEnd[position[i]] ? sorted[p] : Integer.MAX_VALUE;
    }
}
