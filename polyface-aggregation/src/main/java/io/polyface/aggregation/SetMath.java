package io.polyface.aggregation;

import java.util.Arrays;

/**
 * The arithmetic shared by the aggregators: validation of per-frame scores, weighted sums and
 * L2 normalisation. Everything is accumulated in double precision; results are rounded to float once.
 */
final class SetMath {

    /** The system property that turns the Vector API kernel on: {@code -Dpolyface.aggregation.vector=true}. */
    static final String VECTOR_PROPERTY = "polyface.aggregation.vector";

    /**
     * Whether {@link #addScaled} runs on the Vector API ({@link VectorKernels}): off by default (scalar); on only
     * with {@code -Dpolyface.aggregation.vector=true} and the incubator module present
     * ({@code --add-modules jdk.incubator.vector}); asked for without the module, a warning is logged once and the
     * scalar kernel is used. Both give bit-identical results.
     */
    static final boolean VECTOR = vectorKernels();

    private SetMath() {}

    private static boolean vectorKernels() {
        if (!Boolean.getBoolean(VECTOR_PROPERTY)) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return true;
        }
        System.getLogger(SetMath.class.getName()).log(System.Logger.Level.WARNING, "-D" + VECTOR_PROPERTY
                + "=true needs the JVM option --add-modules jdk.incubator.vector; using the scalar aggregation kernels");
        return false;
    }

    /**
     * Checks per-frame scores.
     *
     * @param scores one score per frame
     * @param n the number of frames
     * @param what the name of the scores in messages, e.g. "qualityScores"
     * @param method the aggregator that needs them, for messages
     * @throws IllegalArgumentException if {@code scores} is null, not of length {@code n}, or holds a
     *     NaN or infinite value (naming the frame index)
     */
    static void checkScores(float[] scores, int n, String what, String method) {
        if (scores == null) {
            throw new IllegalArgumentException(method + " needs one " + what + " value per frame, but " + what + " is null");
        }
        if (scores.length != n) {
            throw new IllegalArgumentException(what + " has length " + scores.length + "; expected one score per frame, n = " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + scores[i] + " for frame " + i
                        + " is not finite; every score must be finite");
            }
        }
    }

    /**
     * Checks per-frame scores after the frames' values, so that a non-finite frame value is reported first
     * (as when the frames are checked up front).
     *
     * @param frames the frames, {@code n} of them
     * @param scores one score per frame
     * @param what the name of the scores in messages
     * @param method the aggregator that needs them, for messages
     * @throws IllegalArgumentException as {@link FrameSet#requireFinite()}, else as
     *     {@link #checkScores(float[], int, String, String)}
     */
    static void checkScores(FrameSet frames, float[] scores, String what, String method) {
        try {
            checkScores(scores, frames.n, what, method);
        } catch (IllegalArgumentException e) {
            frames.requireFinite();
            throw e;
        }
    }

    /**
     * Adds {@code weight * frame i} to {@code acc}.
     *
     * @param acc the accumulator, length {@code d}
     * @param frames the frames
     * @param i the frame index
     * @param weight the weight
     */
    static void addScaled(double[] acc, FrameSet frames, int i, double weight) {
        float[] a = frames.array(i);
        int off = frames.offset(i);
        int d = frames.d;
        if (VECTOR) {
            VectorKernels.addScaled(acc, a, off, weight, d);
            return;
        }
        for (int j = 0; j < d; j++) {
            acc[j] += weight * a[off + j];
        }
    }

    /**
     * The weighted sum {@code Σ_i w_i f_i} (frames of weight 0 skipped), with the frames' values checked.
     *
     * @param frames the frames {@code [n, d]}
     * @param weights {@code [n]} (the first {@code n} values), finite
     * @return the sum in {@code frames}' accumulator, its first {@code d} values
     * @throws IllegalArgumentException if a frame of weight 0 holds a NaN or infinite value (see
     *     {@link FrameSet#requireFinite()}; one in a weighted frame makes the sum non-finite, which {@link #finish}
     *     reports)
     */
    static double[] weightedSum(FrameSet frames, double[] weights) {
        double[] acc = frames.uninitialisedAcc(); // the first four frames write it (0.0 + w·f), else it is zeroed
        boolean fresh = true;
        boolean skippedFinite = true;
        int pending = 0; // frames i0, i1, i2 wait to be added four at a time (one pass over acc per four frames)
        int i0 = 0;
        int i1 = 0;
        int i2 = 0;
        for (int i = 0; i < frames.n; i++) {
            if (weights[i] == 0.0) { // adding 0 · f leaves acc as it is (acc is never -0.0): skipped, values checked
                skippedFinite &= frames.isFinite(i);
                continue;
            }
            switch (pending++) {
                case 0 -> i0 = i;
                case 1 -> i1 = i;
                case 2 -> i2 = i;
                default -> {
                    addScaled4(acc, frames, i0, i1, i2, i, weights, fresh);
                    fresh = false;
                    pending = 0;
                }
            }
        }
        if (fresh) {
            Arrays.fill(acc, 0, frames.d, 0.0);
        }
        if (pending == 3 && VECTOR) { // the last three in one pass (the same sums as three single passes)
            VectorKernels.addScaled3(acc, frames.array(i0), frames.offset(i0), weights[i0], frames.array(i1),
                    frames.offset(i1), weights[i1], frames.array(i2), frames.offset(i2), weights[i2], frames.d);
            pending = 0;
        }
        if (pending > 0) {
            addScaled(acc, frames, i0, weights[i0]);
        }
        if (pending > 1) {
            addScaled(acc, frames, i1, weights[i1]);
        }
        if (pending > 2) {
            addScaled(acc, frames, i2, weights[i2]);
        }
        if (!skippedFinite) {
            frames.requireFinite();
        }
        return acc; // a non-finite value in a weighted frame makes the sum non-finite: found by finish()
    }

    /**
     * Adds four weighted frames in one pass: {@code acc[j] = (((acc[j] + w_a f_a[j]) + w_b f_b[j]) + w_c f_c[j])
     * + w_e f_e[j]}, the same additions in the same order as four calls of {@link #addScaled}; with {@code fresh},
     * {@code acc}'s contents are ignored and taken as 0.0 ({@code 0.0 + x} is {@code x}, or +0.0 for -0.0, as when adding
     * into a zeroed accumulator).
     */
    private static void addScaled4(double[] acc, FrameSet frames, int ia, int ib, int ic, int ie, double[] w,
                                   boolean fresh) {
        float[] a = frames.array(ia);
        float[] b = frames.array(ib);
        float[] c = frames.array(ic);
        float[] e = frames.array(ie);
        int oa = frames.offset(ia);
        int ob = frames.offset(ib);
        int oc = frames.offset(ic);
        int oe = frames.offset(ie);
        double wa = w[ia];
        double wb = w[ib];
        double wc = w[ic];
        double we = w[ie];
        int d = frames.d;
        if (VECTOR) {
            VectorKernels.addScaled4(acc, fresh, a, oa, wa, b, ob, wb, c, oc, wc, e, oe, we, d);
            return;
        }
        for (int j = 0; j < d; j++) {
            acc[j] = (fresh ? 0.0 : acc[j]) + wa * a[oa + j] + wb * b[ob + j] + wc * c[oc + j] + we * e[oe + j];
        }
    }

    /**
     * The Euclidean norm of frame {@code i}, in double precision.
     *
     * @param frames the frames
     * @param i the frame index
     * @return {@code ||f_i||_2}
     */
    static double frameNorm(FrameSet frames, int i) {
        float[] a = frames.array(i);
        int off = frames.offset(i);
        double s = 0;
        for (int j = 0; j < frames.d; j++) {
            double v = a[off + j];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * Rounds {@code v} (divided by {@code norm} if asked) to float: the scalar twin of {@link VectorKernels#toFloat}.
     *
     * @return the largest {@code |v_j|}, NaN if one is NaN
     */
    private static double toFloat(double[] v, boolean divide, double norm, float[] out, int d) {
        double max = 0; // one vectorisable pass instead of a test per value
        for (int j = 0; j < d; j++) {
            max = Math.max(max, Math.abs(v[j]));
        }
        if (divide) {
            for (int j = 0; j < d; j++) {
                out[j] = (float) (v[j] / norm);
            }
        } else { // v / 1.0 == v: the same values without the divisions
            for (int j = 0; j < d; j++) {
                out[j] = (float) v[j];
            }
        }
        return max;
    }

    /**
     * Rounds an aggregated feature to float, L2-normalising it first if asked.
     *
     * @param frames the frames it was computed from (for the error when it is not finite)
     * @param v the aggregated feature, its first {@code d} values (not modified)
     * @param normalize whether to divide by {@code ||v||_2}
     * @param method the aggregator, for messages
     * @return the feature as float {@code [d]}
     * @throws IllegalArgumentException if a frame value is NaN or infinite ({@link FrameSet#requireFinite()}: a sum of
     *     finite float values with the weights used here cannot overflow the double range, so a non-finite {@code v}
     *     means a non-finite frame value), if {@code normalize} and {@code ||v||_2 = 0} (the frames cancel out, so no
     *     direction is defined), or if a component overflows the float range
     */
    static float[] finish(FrameSet frames, double[] v, boolean normalize, String method) {
        int d = frames.d;
        double norm = 1.0;
        if (normalize) { // a NaN or infinite v_j gives a non-finite norm, reported below as a non-finite frame value
            // core's L2 policy (a zero vector is an error naming it), over the first d values of a reused scratch
            // buffer that may be longer than d, so not through io.polyface.core.embed.L2
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += v[j] * v[j];
            }
            norm = Math.sqrt(s);
            if (norm == 0.0) {
                throw new IllegalArgumentException(method + ": the aggregated feature is the zero vector (the weighted frames"
                        + " cancel out), so it has no direction and cannot be L2-normalised");
            }
        }
        float[] out = new float[d];
        double max = VECTOR ? VectorKernels.toFloat(v, normalize, norm, out, d) : toFloat(v, normalize, norm, out, d);
        if (!(max < Double.POSITIVE_INFINITY)) {
            frames.requireFinite();
        }
        if (!(max <= Float.MAX_VALUE)) { // only then can a rounded value overflow
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(out[j])) {
                    throw new IllegalArgumentException(method + ": component " + j + " of the aggregated feature (" + v[j]
                            + ") overflows the float range; use normalize = true or rescale the frame embeddings");
                }
            }
        }
        return out;
    }
}
