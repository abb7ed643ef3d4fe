package io.polyface.train.checkpoint;

import java.util.Arrays;

/**
 * A named float32 array in host memory, as stored in a checkpoint.
 *
 * @param name the stable parameter name, e.g. {@code conv1.conv.weight}
 * @param shape the shape (empty for a scalar)
 * @param values the values, row-major, {@code prod(shape)} of them
 */
public record NamedTensor(String name, long[] shape, float[] values) {

    /** @throws IllegalArgumentException if the value count does not match the shape */
    public NamedTensor {
        shape = shape.clone();
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + values.length + " values for shape " + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && t.name.equals(name) && Arrays.equals(t.shape, shape) && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
