package io.polyface.aggregation;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The aggregation kernels on the Vector API (the incubator module {@code jdk.incubator.vector} of Java 17), used
 * only when {@link SetMath#VECTOR} is on: the weighted sum of {@link SetMath#addScaled} (each lane computes
 * {@code acc[j] + w · (double) f[j]} exactly as the scalar loop does: a widening, a multiply, an add; no fused
 * multiply-add), the finiteness check of a frame, and the largest magnitude and the rounding to float of
 * {@link SetMath#finish} (a maximum, a correctly rounded division and a narrowing are exact per lane, so their order
 * does not matter). The results are bit for bit those of the scalar loops on every processor; what Java 17's
 * compiler does not vectorise (the float/double conversions) runs here 8 lanes at a time on AVX-512. Loaded only
 * when the option is on (the class needs the module).
 */
final class VectorKernels {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many float lanes as {@link #DOUBLES} has double lanes. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    /** A whole vector register of floats (for the finiteness check). */
    private static final VectorSpecies<Float> FLOATS_WIDE = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int FLOAT_INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

    private VectorKernels() {}

    /**
     * {@code acc[j] += w · a[off + j]} for {@code j < d}.
     *
     * @param acc the accumulator, length {@code >= d}
     * @param a the frame's array
     * @param off the index of the frame's component 0 in {@code a}
     * @param w the weight
     * @param d the embedding dimension
     */
    static void addScaled(double[] acc, float[] a, int off, double w, int d) {
        int lanes = DOUBLES.length();
        int j = 0;
        for (int end = d - lanes; j <= end; j += lanes) {
            DoubleVector.fromArray(DOUBLES, acc, j).add(widen(a, off + j).mul(w)).intoArray(acc, j);
        }
        for (; j < d; j++) {
            acc[j] += w * a[off + j];
        }
    }

    /**
     * {@code acc[j] = (((acc[j] + wa·a[oa + j]) + wb·b[ob + j]) + wc·c[oc + j]) + we·e[oe + j]} for {@code j < d}:
     * four frames in one pass, the additions in the order of four {@link #addScaled} calls; with {@code fresh},
     * {@code acc}'s contents are ignored and taken as 0.0.
     */
    static void addScaled4(double[] acc, boolean fresh, float[] a, int oa, double wa, float[] b, int ob, double wb,
                           float[] c, int oc, double wc, float[] e, int oe, double we, int d) {
        int lanes = DOUBLES.length();
        int j = 0;
        for (int end = d - lanes; j <= end; j += lanes) {
            (fresh ? DoubleVector.zero(DOUBLES) : DoubleVector.fromArray(DOUBLES, acc, j))
                    .add(widen(a, oa + j).mul(wa))
                    .add(widen(b, ob + j).mul(wb))
                    .add(widen(c, oc + j).mul(wc))
                    .add(widen(e, oe + j).mul(we))
                    .intoArray(acc, j);
        }
        for (; j < d; j++) {
            acc[j] = (fresh ? 0.0 : acc[j]) + wa * a[oa + j] + wb * b[ob + j] + wc * c[oc + j] + we * e[oe + j];
        }
    }

    /**
     * {@code acc[j] = ((acc[j] + wa·a[oa + j]) + wb·b[ob + j]) + wc·c[oc + j]} for {@code j < d}: three frames in one
     * pass (the tail of a weighted sum), the additions in the order of three {@link #addScaled} calls.
     */
    static void addScaled3(double[] acc, float[] a, int oa, double wa, float[] b, int ob, double wb,
                           float[] c, int oc, double wc, int d) {
        int lanes = DOUBLES.length();
        int j = 0;
        for (int end = d - lanes; j <= end; j += lanes) {
            DoubleVector.fromArray(DOUBLES, acc, j)
                    .add(widen(a, oa + j).mul(wa))
                    .add(widen(b, ob + j).mul(wb))
                    .add(widen(c, oc + j).mul(wc))
                    .intoArray(acc, j);
        }
        for (; j < d; j++) {
            acc[j] = acc[j] + wa * a[oa + j] + wb * b[ob + j] + wc * c[oc + j];
        }
    }

    /**
     * Whether {@code a[off, off + d)} holds only finite values (as {@code Float.isFinite} on each).
     *
     * @param a the frame's array
     * @param off the index of the frame's component 0 in {@code a}
     * @param d the embedding dimension
     * @return true if no value is NaN or infinite
     */
    static boolean allFinite(float[] a, int off, int d) {
        int lanes = INTS.length();
        int j = 0;
        IntVector max = IntVector.zero(INTS); // the largest magnitude's bits: >= those of +Inf iff a value is not finite
        for (int end = d - lanes; j <= end; j += lanes) {
            IntVector bits = FloatVector.fromArray(FLOATS_WIDE, a, off + j).reinterpretAsInts();
            max = max.max(bits.and(Integer.MAX_VALUE));
        }
        boolean finite = max.reduceLanes(VectorOperators.MAX) < FLOAT_INFINITY_BITS;
        for (; j < d; j++) {
            finite &= Float.isFinite(a[off + j]);
        }
        return finite;
    }

    /**
     * {@code out[j] = (float) (v[j] / divisor)} for {@code j < d} (the division correctly rounded in double, then
     * rounded to float, as the scalar cast does); with {@code divide} false, {@code out[j] = (float) v[j]}. In the
     * same pass, the largest magnitude of {@code v}.
     *
     * @param v the values, length {@code >= d}
     * @param divide whether to divide by {@code divisor}
     * @param divisor the divisor (unused when {@code divide} is false)
     * @param out receives the {@code d} floats
     * @param d how many
     * @return the largest {@code |v[j]|}, {@code j < d} (0 for none), NaN if a value is NaN (as a {@code Math.max}
     *     loop from 0)
     */
    static double toFloat(double[] v, boolean divide, double divisor, float[] out, int d) {
        int lanes = DOUBLES.length();
        int j = 0;
        // the bits of non-negative doubles order as their values, and every NaN's above +Inf's: a maximum of integers
        LongVector maxBits = LongVector.zero(LONGS);
        for (int end = d - lanes; j <= end; j += lanes) {
            DoubleVector x = DoubleVector.fromArray(DOUBLES, v, j);
            maxBits = maxBits.max(x.reinterpretAsLongs().and(Long.MAX_VALUE));
            if (divide) {
                x = x.div(divisor);
            }
            ((FloatVector) x.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, j);
        }
        double max = Double.longBitsToDouble(maxBits.reduceLanes(VectorOperators.MAX));
        for (; j < d; j++) {
            max = Math.max(max, Math.abs(v[j]));
            out[j] = (float) (divide ? v[j] / divisor : v[j]);
        }
        return max;
    }

    private static DoubleVector widen(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, a, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }
}
