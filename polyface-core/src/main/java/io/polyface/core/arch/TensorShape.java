package io.polyface.core.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The shape of one sample, without the batch dimension: {@code [C, H, W]} for feature maps, {@code [F]}
 * for flat feature vectors. Immutable. Serialised to JSON as an integer array.
 */
public final class TensorShape {

    private final int[] dims;

    private TensorShape(int[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a tensor shape needs at least one dimension");
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor shape " + Arrays.toString(dims) + " has a dimension <= 0");
            }
        }
        this.dims = dims.clone();
    }

    /**
     * Creates a shape from its dimensions.
     *
     * @param dims the per-sample dimensions, each &gt; 0
     * @return the shape
     * @throws IllegalArgumentException if empty or a dimension is &lt;= 0
     */
    @JsonCreator
    public static TensorShape of(int... dims) {
        return new TensorShape(dims);
    }

    /**
     * A feature-map shape.
     *
     * @param channels C
     * @param height H
     * @param width W
     * @return {@code [C, H, W]}
     */
    public static TensorShape chw(int channels, int height, int width) {
        return new TensorShape(new int[] {channels, height, width});
    }

    /** @return a copy of the dimensions */
    @JsonValue
    public int[] dims() {
        return dims.clone();
    }

    /** @return the number of dimensions (3 for feature maps, 1 for flat vectors) */
    public int rank() {
        return dims.length;
    }

    /** @return whether this is a {@code [C, H, W]} feature map */
    public boolean isMap() {
        return dims.length == 3;
    }

    /** @return C (the first dimension) */
    public int channels() {
        return dims[0];
    }

    /** @return H; only for feature maps */
    public int height() {
        requireMap();
        return dims[1];
    }

    /** @return W; only for feature maps */
    public int width() {
        requireMap();
        return dims[2];
    }

    /** @return the number of elements per sample */
    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /**
     * @param batch the batch size
     * @return the dimensions with the batch dimension first, as DJL/ONNX shapes want them
     */
    public long[] withBatch(long batch) {
        long[] out = new long[dims.length + 1];
        out[0] = batch;
        for (int i = 0; i < dims.length; i++) {
            out[i + 1] = dims[i];
        }
        return out;
    }

    private void requireMap() {
        if (!isMap()) {
            throw new IllegalStateException("shape " + this + " is not a [C, H, W] feature map");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape t && Arrays.equals(dims, t.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
