package io.polyface.core.reference;

import java.util.Arrays;

/**
 * A dense batch in double precision, row-major: a feature map {@code [N, C, H, W]} or a vector batch
 * {@code [N, F]}. Used only by {@link ReferenceForward}; immutable by convention (walkers never write into an input).
 *
 * @param shape {@code [N, C, H, W]} or {@code [N, F]}
 * @param data the values, {@code product(shape)} of them
 */
public record ReferenceTensor(int[] shape, double[] data) {

    /**
     * Checks that the data fits the shape.
     *
     * @throws IllegalArgumentException if the shape is not of rank 2 or 4 or the data length differs from its product
     */
    public ReferenceTensor {
        if (shape.length != 2 && shape.length != 4) {
            throw new IllegalArgumentException("reference tensors are [N, F] or [N, C, H, W], got rank " + shape.length);
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    /**
     * @param shape the shape
     * @param values float values, widened to double
     * @return the tensor
     */
    public static ReferenceTensor of(long[] shape, float[] values) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new ReferenceTensor(s, d);
    }

    /** @return N */
    public int batch() {
        return shape[0];
    }

    /** @return C (or F for a vector batch) */
    public int channels() {
        return shape[1];
    }

    /** @return H, 1 for a vector batch */
    public int height() {
        return shape.length == 4 ? shape[2] : 1;
    }

    /** @return W, 1 for a vector batch */
    public int width() {
        return shape.length == 4 ? shape[3] : 1;
    }

    /** @return whether this is a feature map {@code [N, C, H, W]} */
    public boolean isMap() {
        return shape.length == 4;
    }

    /** @return H·W (1 for a vector batch) */
    int plane() {
        return height() * width();
    }

    /** @return the values narrowed to float, row-major */
    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }
}
