package io.polyface.train.data;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.Normalization;

/**
 * What a network takes, read from its architecture spec: the input size, the resize rule that brings
 * images to it, and the pixel normalisation {@code (px − mean)/std} with the spec's channel order
 * (PolyFace and the quality net: raw 0..255 BGR; iResNet and MobileFaceNet: (px − 127.5)/127.5 RGB).
 * The normalisation belongs to the model and is recorded with it, not to the augmentations.
 *
 * @param channels the number of input channels (3)
 * @param resize the resize rule, at the input's width and height
 * @param normalization channel order, mean and std of the spec
 */
public record ModelInput(int channels, ResizeRule resize, Normalization normalization) {

    /** @throws IllegalArgumentException unless the input has 3 channels */
    public ModelInput {
        if (channels != 3) {
            throw new IllegalArgumentException("the training pipeline feeds 3-channel images, the spec takes " + channels);
        }
    }

    /**
     * Reads the input of a spec.
     *
     * @param spec the architecture
     * @return its input
     * @throws IllegalArgumentException if the spec's input is not {@code [3, H, W]}
     */
    public static ModelInput of(ArchSpec spec) {
        TensorShape in = spec.input();
        if (in.rank() != 3) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' input " + in + " is not [C, H, W]");
        }
        return new ModelInput(in.channels(), new ResizeRule(in.width(), in.height()),
                Normalization.of(ChannelOrder.parse(spec.channelOrder()), (float) spec.mean(), (float) spec.std()));
    }

    /** @return the input width */
    public int width() {
        return resize.width();
    }

    /** @return the input height */
    public int height() {
        return resize.height();
    }

    /** @return floats per sample, {@code 3·H·W} */
    public int sampleFloats() {
        return channels * width() * height();
    }
}
