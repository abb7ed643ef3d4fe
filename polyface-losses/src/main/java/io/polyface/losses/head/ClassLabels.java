package io.polyface.losses.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.util.Checks;

/**
 * Validation of class labels: integer class indices in {@code [0, C)}.
 *
 * <p>The check itself is vectorised (a handful of element-wise comparisons and one
 * {@code any()}); the labels are copied to the host only when one is bad, to name it.
 */
public final class ClassLabels {

    private ClassLabels() {}

    /**
     * Checks a classifier's number of classes: a softmax over class centres needs at least two.
     *
     * @param numClasses the number of classes {@code C}
     * @return {@code numClasses}
     * @throws IllegalArgumentException {@code "numClasses must be >= 2, got C"} if {@code C < 2}
     */
    public static int requireNumClasses(int numClasses) {
        Checks.requireAtLeast("numClasses", numClasses, 2);
        return numClasses;
    }

    /**
     * Checks that {@code labels} is {@code [B]} or {@code [B, 1]} and holds integer class indices
     * in {@code [0, numClasses)}; returns them as {@code int64 [B]}.
     *
     * @param labels the labels, of any numeric type
     * @param numClasses the number of classes {@code C}
     * @return the labels {@code [B]} as {@code int64}, in the manager of {@code labels}
     * @throws IllegalArgumentException as {@link #validate(NDArray, long, long)}
     */
    public static NDArray validate(NDArray labels, long numClasses) {
        Shape shape = labels.getShape();
        if (shape.dimension() == 0) {
            throw new IllegalArgumentException("labels must be [B] or [B, 1] (one class index per embedding), got a scalar");
        }
        return validate(labels, numClasses, shape.get(0));
    }

    /**
     * Checks that {@code labels} holds {@code batchSize} integer class indices in
     * {@code [0, numClasses)} and returns them as {@code int64}.
     *
     * @param labels the labels {@code [B]} or {@code [B, 1]}, of any numeric type (float labels
     *     must hold whole numbers, as DJL datasets usually deliver them)
     * @param numClasses the number of classes {@code C}
     * @param batchSize the expected batch size {@code B}
     * @return the labels {@code [B]} as {@code int64}, in the manager of {@code labels}
     * @throws IllegalArgumentException if the shape does not hold exactly {@code B} labels, or a
     *     label is NaN, not a whole number, or outside {@code [0, C)}; the message names the first
     *     such label's value and its index in the batch
     */
    public static NDArray validate(NDArray labels, long numClasses, long batchSize) {
        Shape shape = labels.getShape();
        boolean columnOrVector = shape.dimension() == 1
                || (shape.dimension() == 2 && shape.get(1) == 1);
        if (!columnOrVector || shape.get(0) != batchSize) {
            throw new IllegalArgumentException("labels must be [" + batchSize + "] or ["
                    + batchSize + ", 1] (one class index per embedding), got shape " + shape);
        }
        NDArray flat = labels.reshape(batchSize);
        DataType type = flat.getDataType();
        if (type.isFloating()) {
            NDArray asDouble = flat.toType(DataType.FLOAT64, false);
            NDArray bad = asDouble.isNaN()
                    .logicalOr(asDouble.floor().neq(asDouble))
                    .logicalOr(asDouble.lt(0))
                    .logicalOr(asDouble.gte((double) numClasses));
            if (bad.any().getBoolean()) {
                throw describeFirst(asDouble.toDoubleArray(), numClasses);
            }
            return asDouble.toType(DataType.INT64, false);
        }
        if (!type.isInteger()) {
            throw new IllegalArgumentException("labels must be numeric class indices, got type " + type);
        }
        NDArray asLong = flat.toType(DataType.INT64, false);
        NDArray bad = asLong.lt(0).logicalOr(asLong.gte(numClasses));
        if (bad.any().getBoolean()) {
            long[] values = asLong.toLongArray();
            double[] asDoubles = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                asDoubles[i] = values[i];
            }
            throw describeFirst(asDoubles, numClasses);
        }
        return asLong;
    }

    private static IllegalArgumentException describeFirst(double[] values, long numClasses) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            String label = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            if (Double.isNaN(v) || v != Math.rint(v)) {
                return new IllegalArgumentException("label " + label + " at index " + i
                        + " is not an integer class index (expected a whole number in [0, " + numClasses + "))");
            }
            if (v < 0 || v >= numClasses) {
                return new IllegalArgumentException("label " + label + " at index " + i
                        + " is outside [0, " + numClasses + "): there are " + numClasses + " classes");
            }
        }
        throw new IllegalStateException("a label was flagged as invalid but none is");
    }
}
