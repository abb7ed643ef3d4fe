package io.polyface.core.embed;

/**
 * The project's one L2 normalisation of Java arrays ({@code v / ||v||₂}, as ArcFace/InsightFace normalise embeddings
 * and class centres before the cosine; Deng et al., "ArcFace", CVPR 2019, Sec. 3.1).
 *
 * <p><b>Zero-vector policy.</b> A vector that is all zeros has no direction, so it cannot be normalised: every method
 * throws an {@link IllegalArgumentException} naming the vector (the caller's {@code what}, e.g. {@code "embedding
 * row 17"}) instead of returning zeros or NaN. A vector holding a NaN or infinite value is rejected the same way,
 * naming the position. The squared norm is accumulated in double precision and each component is divided by the
 * norm in double before it is rounded, so results do not depend on the processor.
 *
 * <p>Deliberate exceptions (documented where they are): the L2 normalisation inside DJL training graphs (autograd
 * needs NDArray operations), and in-training evaluation scores ({@code train.eval}) that give a zero vector a cosine
 * of 0 so that evaluating a diverged model reports a figure instead of stopping the run.
 */
public final class L2 {

    private L2() {}

    /**
     * The Euclidean norm of {@code len} values of {@code v} from {@code off}, accumulated in double.
     *
     * @param v the values
     * @param off the first value
     * @param len how many values
     * @param what names the vector in messages, e.g. {@code "embedding row 17"}
     * @return {@code ||v[off, off + len)||₂ > 0}
     * @throws IllegalArgumentException if the values are all zero or one is NaN or infinite
     */
    public static double norm(float[] v, int off, int len, String what) {
        double sq = 0;
        for (int i = 0; i < len; i++) {
            float x = v[off + i];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " holds " + x + " at position " + i + "; embeddings must be finite");
            }
            sq += (double) x * x;
        }
        return checked(sq, what);
    }

    /**
     * The Euclidean norm of {@code v}.
     *
     * @param v the vector {@code [D]}
     * @param what names the vector in messages
     * @return {@code ||v||₂ > 0}
     * @throws IllegalArgumentException if {@code v} is all zero or holds a NaN or infinite value
     */
    public static double norm(double[] v, String what) {
        double sq = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " holds " + v[i] + " at position " + i + "; it must be finite");
            }
            sq += v[i] * v[i];
        }
        return checked(sq, what);
    }

    private static double checked(double sq, String what) {
        if (sq == 0) {
            throw new IllegalArgumentException(what + " is all zeros (the zero vector), so it has no direction and cannot be"
                    + " L2-normalised");
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException(what + " has an infinite L2 norm (squares overflow the double range)");
        }
        return norm;
    }

    /**
     * Scales {@code v} to unit L2 length in place.
     *
     * @param v the vector {@code [D]}, overwritten
     * @param what names the vector in messages, e.g. {@code "embedding of face 3"}
     * @return {@code v}
     * @throws IllegalArgumentException if {@code v} is all zero or holds a NaN or infinite value ({@code v} is then unchanged)
     */
    public static float[] normalize(float[] v, String what) {
        normalizeInto(v, 0, v, 0, v.length, what);
        return v;
    }

    /**
     * Writes the unit-length version of {@code len} values of {@code src} into {@code dst}.
     *
     * @param src the source
     * @param srcOff where the vector starts in {@code src}
     * @param dst the destination (may be {@code src} itself)
     * @param dstOff where to write in {@code dst}
     * @param len the vector length
     * @param what names the vector in messages, e.g. {@code "row 17"}
     * @throws IllegalArgumentException if the vector is all zero or holds a NaN or infinite value
     */
    public static void normalizeInto(float[] src, int srcOff, float[] dst, int dstOff, int len, String what) {
        double norm = norm(src, srcOff, len, what);
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = (float) (src[srcOff + i] / norm);
        }
    }

    /**
     * The unit-length version of {@code v} in double precision (not rounded to float).
     *
     * @param v the vector {@code [D]} (not modified)
     * @param what names the vector in messages
     * @return {@code v / ||v||₂}, {@code [D]}
     * @throws IllegalArgumentException if {@code v} is all zero or holds a NaN or infinite value
     */
    public static double[] unit(float[] v, String what) {
        double norm = norm(v, 0, v.length, what);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }
}
