package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data whose memory the engine owns. On DJL's PyTorch engine {@code manager.create(float[])}
 * returns a tensor that <em>borrows</em> a Java direct buffer, alive only while the DJL array is open and reachable
 * (see {@link ScalarOps}); a tensor that libtorch may keep beyond that — saved for backward, viewed, cached — must
 * own its memory. This copies the data into PyTorch-allocated memory once.
 */
public final class OwnedArrays {

    private OwnedArrays() {}

    /**
     * @param manager where the array lives (its device)
     * @param data row-major values
     * @param shape the shape, {@code product(shape) == data.length}
     * @return a float32 array of {@code shape} holding {@code data}, in memory owned by the engine, attached to {@code manager}
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} values
     */
    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got " + data.length);
        }
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }
}
