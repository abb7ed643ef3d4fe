package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.function.BinaryOperator;

/**
 * Arithmetic of an array with a Java number that stays correct under autograd on DJL's PyTorch engine. Use these,
 * not {@code NDArray.mul(Number)} and its siblings, wherever a backward pass may follow.
 *
 * <p><b>Why.</b> On the PyTorch engine (DJL 0.36), {@code x.mul(3f)} creates the scalar {@code 3} as a tensor that
 * <em>borrows</em> the memory of a Java direct {@code ByteBuffer} ({@code torch::from_blob}), multiplies, and closes
 * the scalar's handle at once. Autograd saves the scalar for the backward pass ({@code d(x·s)/dx = s}), but the
 * Java buffer that owns its memory is now unreachable: after the next garbage collection its memory is freed and
 * reused, and backward reads whatever was written there. The gradient then silently depends on the garbage
 * collector's timing (measured: 50 of 50 gradients wrong when a collection and a few small allocations happen
 * between forward and backward; {@code ScalarOpsTest}). The same holds for {@code div}, {@code pow},
 * {@code maximum} and {@code minimum} with a number, whose backward formulas read the scalar too.
 * {@code add}/{@code sub} with a number and comparisons are safe (their backward passes do not read the scalar).
 *
 * <p>Here the scalar is created the same way (same value, same data type as DJL's own {@code create(Number)}, so
 * results are bit-identical to DJL's number overloads) and then copied into memory that PyTorch owns
 * ({@code duplicate()}, a clone), which the autograd graph keeps alive for as long as it needs it.
 */
public final class ScalarOps {

    private ScalarOps() {}

    /**
     * @param x any array
     * @param value the factor
     * @return {@code x · value}, same shape as {@code x}, in {@code x}'s manager
     */
    public static NDArray mul(NDArray x, Number value) {
        return apply(x, value, NDArray::mul);
    }

    /**
     * @param x any array
     * @param value the divisor
     * @return {@code x / value}, same shape as {@code x}, in {@code x}'s manager
     */
    public static NDArray div(NDArray x, Number value) {
        return apply(x, value, NDArray::div);
    }

    /**
     * @param x any array
     * @param value the exponent
     * @return {@code x ^ value} element-wise, same shape as {@code x}
     */
    public static NDArray pow(NDArray x, Number value) {
        return apply(x, value, NDArray::pow);
    }

    /**
     * @param x any array
     * @param value the floor
     * @return {@code max(x, value)} element-wise (PyTorch's {@code maximum}: where equal, the gradient is split)
     */
    public static NDArray maximum(NDArray x, Number value) {
        return apply(x, value, NDArray::maximum);
    }

    /**
     * @param x any array
     * @param value the ceiling
     * @return {@code min(x, value)} element-wise (PyTorch's {@code minimum}: where equal, the gradient is split)
     */
    public static NDArray minimum(NDArray x, Number value) {
        return apply(x, value, NDArray::minimum);
    }

    /**
     * A 0-dimensional array holding {@code value} in memory owned by the engine (safe to save for backward).
     *
     * @param manager where it lives (and its device)
     * @param value the value, typed as DJL's {@code NDManager.create(Number)} types it
     * @return the scalar, shape {@code []}
     */
    public static NDArray scalar(NDManager manager, Number value) {
        try (NDArray borrowed = manager.create(value)) {
            return borrowed.duplicate();
        }
    }

    private static NDArray apply(NDArray x, Number value, BinaryOperator<NDArray> op) {
        try (NDArray s = scalar(x.getManager(), value)) {
            return op.apply(x, s);
        }
    }
}
