package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's own fused per-channel PReLU kernel ({@code torch.prelu}: one kernel forward, one backward), which DJL's
 * PyTorch engine does not expose, as a {@link TorchScriptFunction} loaded at first use.
 */
final class FusedPRelu {

    private FusedPRelu() {}

    /**
     * @param x activations {@code [N, C, ...]}
     * @param weight slopes {@code [C]} on {@code x}'s device
     * @return {@code x} where {@code x > 0}, else {@code weight[c]·x}, same shape, in {@code x}'s manager
     */
    static NDArray apply(NDArray x, NDArray weight) {
        return Holder.FUNCTION.apply(new NDList(x, weight));
    }

    /** Class-holder idiom: loaded on first use, thread-safe. */
    private static final class Holder {
        static final TorchScriptFunction FUNCTION = TorchScriptFunction.load("PReLU", "x: Tensor, weight: Tensor",
                "return torch.prelu(x, weight)", m -> new NDList(m.ones(new Shape(1, 1)), m.ones(new Shape(1))));
    }
}
