package io.polyface.aggregation;

import io.polyface.core.embed.L2;

/**
 * The arithmetic shared by the aggregators: validation of per-frame scores, weighted sums and
 * L2 normalisation. Everything is accumulated in double precision; results are rounded to float once.
 */
final class SetMath {

    private SetMath() {}

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
        for (int j = 0; j < acc.length; j++) {
            acc[j] += weight * a[off + j];
        }
    }

    /**
     * The weighted sum {@code Σ_i w_i f_i}.
     *
     * @param frames the frames {@code [n, d]}
     * @param weights {@code [n]}
     * @return {@code [d]}
     */
    static double[] weightedSum(FrameSet frames, double[] weights) {
        double[] acc = new double[frames.d];
        for (int i = 0; i < frames.n; i++) {
            if (weights[i] != 0.0) {
                addScaled(acc, frames, i, weights[i]);
            }
        }
        return acc;
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
     * Rounds an aggregated feature to float, L2-normalising it first if asked.
     *
     * @param v the aggregated feature {@code [d]} (not modified)
     * @param normalize whether to divide by {@code ||v||_2}
     * @param method the aggregator, for messages
     * @return the feature as float {@code [d]}
     * @throws IllegalArgumentException if {@code normalize} and {@code ||v||_2 = 0} (the frames
     *     cancel out, so no direction is defined), or if a component overflows the float range
     */
    static float[] finish(double[] v, boolean normalize, String method) {
        double norm = 1.0;
        if (normalize) {
            norm = L2.norm(v, method + ": the aggregated feature (e.g. weighted frames that cancel out)");
        }
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = (float) (v[j] / norm);
            if (!Float.isFinite(out[j])) {
                throw new IllegalArgumentException(method + ": component " + j + " of the aggregated feature (" + v[j]
                        + ") overflows the float range; use normalize = true or rescale the frame embeddings");
            }
        }
        return out;
    }
}
