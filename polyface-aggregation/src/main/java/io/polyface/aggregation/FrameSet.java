package io.polyface.aggregation;

/**
 * A validated, read-only view of a set of {@code n} frame embeddings of dimension {@code d}, backed
 * either by rows ({@code float[n][d]}) or by one row-major array ({@code float[n * d]}). Nothing is
 * copied: a frame is addressed as {@code array(i)[offset(i) + j]}, so the kernels read the caller's
 * arrays in place and never write to them.
 */
final class FrameSet {

    private final float[][] rows;
    private final float[] flat;
    final int n;
    final int d;

    private FrameSet(float[][] rows, float[] flat, int n, int d) {
        this.rows = rows;
        this.flat = flat;
        this.n = n;
        this.d = d;
    }

    /**
     * Wraps frames given as rows.
     *
     * @param frames {@code [n, d]}, every row of the same length {@code d >= 1}, {@code n >= 1}
     * @return the view
     * @throws IllegalArgumentException if {@code frames} is null or empty, a row is null, the rows
     *     differ in length, {@code d == 0}, or a value is NaN or infinite (naming frame and component)
     */
    static FrameSet of(float[][] frames) {
        if (frames == null) {
            throw new IllegalArgumentException("frames is null; expected a set of frame embeddings [n, d] with n >= 1");
        }
        if (frames.length == 0) {
            throw new IllegalArgumentException("frames is an empty set (n = 0); aggregation needs at least one frame");
        }
        if (frames[0] == null) {
            throw new IllegalArgumentException("frames[0] is null; expected a frame embedding of length d >= 1");
        }
        int d = frames[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("frames[0] has length 0; expected frame embeddings of dimension d >= 1");
        }
        for (int i = 1; i < frames.length; i++) {
            if (frames[i] == null) {
                throw new IllegalArgumentException("frames[" + i + "] is null; expected a frame embedding of length d = " + d);
            }
            if (frames[i].length != d) {
                throw new IllegalArgumentException("frames[" + i + "] has length " + frames[i].length
                        + "; expected d = " + d + " (the length of frames[0])");
            }
        }
        FrameSet set = new FrameSet(frames, null, frames.length, d);
        set.checkFinite();
        return set;
    }

    /**
     * Wraps frames given as one row-major array: frame {@code i}, component {@code j} is
     * {@code frames[i * d + j]}.
     *
     * @param frames row-major {@code [n, d]}, length exactly {@code n * d}
     * @param n the number of frames, {@code >= 1}
     * @param d the embedding dimension, {@code >= 1}
     * @return the view
     * @throws IllegalArgumentException if {@code frames} is null, {@code n < 1}, {@code d < 1},
     *     {@code frames.length != n * d}, or a value is NaN or infinite (naming frame and component)
     */
    static FrameSet of(float[] frames, int n, int d) {
        if (frames == null) {
            throw new IllegalArgumentException("frames is null; expected a row-major array of n * d frame-embedding values");
        }
        if (n == 0) {
            throw new IllegalArgumentException("n = 0: an empty set of frames; aggregation needs at least one frame");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " frames; expected n >= 1");
        }
        if (d < 1) {
            throw new IllegalArgumentException("d = " + d + "; expected an embedding dimension d >= 1");
        }
        if ((long) n * d != frames.length) {
            throw new IllegalArgumentException("frames has length " + frames.length + "; expected n * d = " + n + " * " + d
                    + " = " + ((long) n * d));
        }
        FrameSet set = new FrameSet(null, frames, n, d);
        set.checkFinite();
        return set;
    }

    /** The array holding frame {@code i}. */
    float[] array(int i) {
        return rows != null ? rows[i] : flat;
    }

    /** The index of component 0 of frame {@code i} in {@link #array(int)}. */
    int offset(int i) {
        return rows != null ? 0 : i * d;
    }

    private void checkFinite() {
        for (int i = 0; i < n; i++) {
            float[] a = array(i);
            int off = offset(i);
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(a[off + j])) {
                    throw new IllegalArgumentException("frame " + i + " has a non-finite embedding value " + a[off + j]
                            + " at component " + j + "; every embedding value must be finite");
                }
            }
        }
    }
}
