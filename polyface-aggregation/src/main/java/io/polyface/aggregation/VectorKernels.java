package io.polyface.aggregation;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weighted-sum kernel of {@link SetMath#addScaled} on the Vector API (the incubator module
 * {@code jdk.incubator.vector} of Java 17), used only when {@link SetMath#VECTOR} is on: each lane computes
 * {@code acc[j] + w · (double) f[j]} exactly as the scalar loop does (a widening, a multiply, an add; no fused
 * multiply-add), so the results are bit for bit those of the scalar kernel on every processor. Loaded only
 * when the option is on (the class needs the module).
 */
final class VectorKernels {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many float lanes as {@link #DOUBLES} has double lanes. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

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
     * four frames in one pass, the additions in the order of four {@link #addScaled} calls.
     */
    static void addScaled4(double[] acc, float[] a, int oa, double wa, float[] b, int ob, double wb,
                           float[] c, int oc, double wc, float[] e, int oe, double we, int d) {
        int lanes = DOUBLES.length();
        int j = 0;
        for (int end = d - lanes; j <= end; j += lanes) {
            DoubleVector.fromArray(DOUBLES, acc, j)
                    .add(widen(a, oa + j).mul(wa))
                    .add(widen(b, ob + j).mul(wb))
                    .add(widen(c, oc + j).mul(wc))
                    .add(widen(e, oe + j).mul(we))
                    .intoArray(acc, j);
        }
        for (; j < d; j++) {
            acc[j] = acc[j] + wa * a[oa + j] + wb * b[ob + j] + wc * c[oc + j] + we * e[oe + j];
        }
    }

    private static DoubleVector widen(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, a, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }
}
