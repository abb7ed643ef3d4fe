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
            DoubleVector f = (DoubleVector) FloatVector.fromArray(FLOATS, a, off + j).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector.fromArray(DOUBLES, acc, j).add(f.mul(w)).intoArray(acc, j);
        }
        for (; j < d; j++) {
            acc[j] += w * a[off + j];
        }
    }
}
