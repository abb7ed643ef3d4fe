package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Memory layouts of image batches on DJL's PyTorch engine.
 *
 * <p>{@link #channelsLast} stores an {@code [N, C, H, W]} batch in NHWC order (PyTorch's
 * {@code torch.channels_last}); the logical shape and values do not change, and DJL reads such arrays in logical
 * order. Convolution, batch normalisation and element-wise operations keep the layout, so converting a network's
 * input is enough for the whole network to run channels-last: oneDNN's CPU convolutions then skip the reorders
 * they do for NCHW tensors (measured on {@code mobilefacenet-y1}, batch 32, forward and backward, 2 threads: see the
 * README's performance section). Results equal the NCHW computation up to floating-point rounding.
 */
public final class MemoryFormats {

    private MemoryFormats() {}

    /**
     * @param x a batch {@code [N, C, H, W]}
     * @return the same values in channels-last (NHWC) memory layout, shape {@code [N, C, H, W]}, in {@code x}'s
     *     manager (a copy; gradients flow back to {@code x})
     * @throws IllegalArgumentException if {@code x} is not 4-dimensional
     */
    public static NDArray channelsLast(NDArray x) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("channels-last layout needs an [N, C, H, W] array, got " + x.getShape());
        }
        return Holder.FUNCTION.apply(new NDList(x));
    }

    /**
     * @param network an initialised network taking {@code [N, C, H, W]} batches
     * @return a block that converts its input with {@link #channelsLast} and runs {@code network} on it (for inference
     *     routes such as DJL's {@code Predictor}, whose translators build NCHW batches)
     */
    public static Block channelsLastInput(Block network) {
        return new ChannelsLastInput(network);
    }

    /** Class-holder idiom: loaded on first use, thread-safe. */
    private static final class Holder {
        static final TorchScriptFunction FUNCTION = TorchScriptFunction.load("ChannelsLast", "x: Tensor",
                "return torch.contiguous(x, memory_format=2)", m -> new NDList(m.ones(new Shape(1, 2, 2, 2))));
    }
}
