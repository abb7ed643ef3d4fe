package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data whose memory the engine owns. On DJL's PyTorch engine {@code manager.create(float[])}
 * returns a tensor that <em>borrows</em> a Java direct buffer, alive only while the DJL array is open and reachable
 * (see {@link ScalarOps}); a tensor that libtorch may keep beyond that — saved for backward, viewed, cached — must
 * own its memory. This copies the data into PyTorch-allocated memory once.
 *
 * <p>The same holds for writing Java data into an existing array: DJL's {@code NDArray.set(Buffer)} (and
 * {@code set(float[])}) on the PyTorch engine does not copy into the tensor's memory — it swaps the tensor's storage for
 * the Java direct buffer ({@code Tensor.set_}, DJL {@code torchSet}). The parameter then lives in memory that Java's
 * garbage collector frees once the DJL array drops its reference, and every view taken before (a parameter store's
 * {@code reshape}, a tensor saved for backward) keeps the old storage and no longer sees the parameter. {@link #assign}
 * copies in place instead ({@code index_put_} over the whole array), as PyTorch's {@code param.data.copy_(...)}.
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

    /**
     * Copies Java values into an array's own memory, in place: the array keeps its storage (so views of it see the
     * new values) and libtorch keeps owning that memory. Not recorded for gradients: it runs with grad mode off
     * ({@link GradMode}; a parameter that requires a gradient is a leaf, which libtorch refuses to write in place while
     * recording), from any thread.
     *
     * @param target a float32 array, e.g. a parameter or a batch-norm running statistic
     * @param values row-major values, {@code target.size()} of them
     * @throws IllegalArgumentException if the count differs from the array's size or the array is not float32
     */
    public static void assign(NDArray target, float[] values) {
        if (target.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("assign writes float32 arrays, got " + target.getDataType());
        }
        if (target.size() != values.length) {
            throw new IllegalArgumentException("array of shape " + target.getShape() + " holds " + target.size() + " values, got "
                    + values.length);
        }
        if (values.length == 0) {
            return;
        }
        try (GradMode.Scope off = GradMode.off(); NDArray source = of(target.getManager(), values, target.getShape())) {
            target.set(new NDIndex("..."), source);
        }
    }
}
