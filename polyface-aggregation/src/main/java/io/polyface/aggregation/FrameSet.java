package io.polyface.aggregation;

import java.util.Arrays;

/**
 * A validated, read-only view of a set of {@code n} frame embeddings of dimension {@code d}, backed
 * either by rows ({@code float[n][d]}) or by one row-major array ({@code float[n * d]}), together with
 * the scratch buffers the kernels need. Nothing is copied: a frame is addressed as
 * {@code array(i)[offset(i) + j]}, so the kernels read the caller's arrays in place and never write to them.
 *
 * <p><b>No allocation per call.</b> There is one view per thread ({@link ThreadLocal}); {@link #of} binds it
 * to the caller's arrays and {@link #release()} unbinds it (call it in a {@code finally} block, so that the
 * view never keeps a caller's arrays reachable). Its buffers grow to the largest {@code n} and {@code d}
 * seen on the thread and are reused.
 *
 * <p><b>Finiteness</b> is not checked when binding: the kernels accumulate first and call
 * {@link #requireFinite()} when a sum or norm comes out non-finite (a non-finite frame value with a
 * non-zero weight always makes it so; frames given weight 0 are checked by the caller), which then throws
 * the same error, for the first non-finite value in frame order, that a check up front would have thrown.
 */
final class FrameSet {

    private static final ThreadLocal<FrameSet> LOCAL = ThreadLocal.withInitial(FrameSet::new);

    private float[][] rows;
    private float[] flat;
    int n;
    int d;
    private double[] acc = new double[0];
    private double[] media = new double[0];
    private double[] weights = new double[0];
    private int[] ints = new int[0];

    private FrameSet() {}

    private static FrameSet bind(float[][] rows, float[] flat, int n, int d) {
        FrameSet set = LOCAL.get();
        set.rows = rows;
        set.flat = flat;
        set.n = n;
        set.d = d;
        return set;
    }

    /** Unbinds the caller's arrays (the buffers are kept for the next call on this thread). */
    void release() {
        rows = null;
        flat = null;
    }

    /**
     * Wraps frames given as rows.
     *
     * @param frames {@code [n, d]}, every row of the same length {@code d >= 1}, {@code n >= 1}
     * @return the view
     * @throws IllegalArgumentException if {@code frames} is null or empty, a row is null, the rows
     *     differ in length or {@code d == 0} (values are checked by {@link #requireFinite()})
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
        return bind(frames, null, frames.length, d);
    }

    /**
     * Wraps frames given as one row-major array: frame {@code i}, component {@code j} is
     * {@code frames[i * d + j]}.
     *
     * @param frames row-major {@code [n, d]}, length exactly {@code n * d}
     * @param n the number of frames, {@code >= 1}
     * @param d the embedding dimension, {@code >= 1}
     * @return the view
     * @throws IllegalArgumentException if {@code frames} is null, {@code n < 1}, {@code d < 1} or
     *     {@code frames.length != n * d} (values are checked by {@link #requireFinite()})
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
        return bind(null, frames, n, d);
    }

    /** The array holding frame {@code i}. */
    float[] array(int i) {
        return rows != null ? rows[i] : flat;
    }

    /** The index of component 0 of frame {@code i} in {@link #array(int)}. */
    int offset(int i) {
        return rows != null ? 0 : i * d;
    }

    /**
     * A zeroed accumulator.
     *
     * @return a buffer of length {@code >= d} whose first {@code d} values are 0
     */
    double[] acc() {
        acc = zeroed(acc);
        return acc;
    }

    /**
     * The accumulator of {@link #acc()}, not zeroed.
     *
     * @return a buffer of length {@code >= d} (contents undefined)
     */
    double[] uninitialisedAcc() {
        acc = atLeast(acc, d);
        return acc;
    }

    /**
     * A second zeroed accumulator (per-media sums).
     *
     * @return a buffer of length {@code >= d} whose first {@code d} values are 0
     */
    double[] media() {
        media = zeroed(media);
        return media;
    }

    /** {@code buf} with its first {@code d} values set to 0, or a new zero array if it is shorter than {@code d}. */
    private double[] zeroed(double[] buf) {
        if (buf.length < d) {
            return new double[d];
        }
        Arrays.fill(buf, 0, d, 0.0);
        return buf;
    }

    /** {@code buf}, or a new array of {@code length} if it is shorter. */
    private static double[] atLeast(double[] buf, int length) {
        return buf.length < length ? new double[length] : buf;
    }

    /**
     * A buffer for the frame weights (contents undefined).
     *
     * @return a buffer of length {@code >= n}
     */
    double[] weights() {
        weights = atLeast(weights, n);
        return weights;
    }

    /**
     * An int buffer of {@code 2n} values (contents undefined).
     *
     * @return a buffer of length {@code >= 2n}
     */
    int[] ints() {
        if (ints.length < 2 * n) {
            ints = new int[2 * n];
        }
        return ints;
    }

    /**
     * Whether frame {@code i} holds only finite values.
     *
     * @param i the frame index
     * @return true if every component is finite
     */
    boolean isFinite(int i) {
        float[] a = array(i);
        int off = offset(i);
        if (SetMath.VECTOR) {
            return VectorKernels.allFinite(a, off, d);
        }
        boolean finite = true;
        for (int j = 0; j < d; j++) {
            finite &= Float.isFinite(a[off + j]);
        }
        return finite;
    }

    /**
     * Checks every value, in frame order.
     *
     * @throws IllegalArgumentException naming the first non-finite value's frame and component
     */
    void requireFinite() {
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
