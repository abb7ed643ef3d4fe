package io.polyface.train.data;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.Normalization;

/**
 * What a network takes, read from its architecture spec: core's {@link Preprocessing} (the input size and the
 * pixel normalisation {@code (px − mean)/std} with the spec's channel order — PolyFace and the quality net: raw
 * 0..255 BGR; iResNet and MobileFaceNet: (px − 127.5)/127.5 RGB), seen by the training pipeline as 3-channel
 * planes and the {@link ResizeRule} that brings images to the input size. The normalisation belongs to the model
 * and is recorded with it, not to the augmentations.
 *
 * @param preprocessing the model's input convention (the one record of it; nothing here repeats its fields)
 */
public record ModelInput(Preprocessing preprocessing) {

    /** The channels the training pipeline feeds: 3. */
    public static final int CHANNELS = 3;

    /** @throws IllegalArgumentException if the preprocessing is null */
    public ModelInput {
        if (preprocessing == null) {
            throw new IllegalArgumentException("preprocessing is null");
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
        if (spec.input().rank() == 3 && spec.input().channels() != CHANNELS) {
            throw new IllegalArgumentException("the training pipeline feeds 3-channel images, architecture '" + spec.name()
                    + "' takes " + spec.input());
        }
        return new ModelInput(Preprocessing.of(spec));
    }

    /** @return the number of input channels, {@value #CHANNELS} */
    public int channels() {
        return CHANNELS;
    }

    /** @return the resize rule, at the input's width and height */
    public ResizeRule resize() {
        return new ResizeRule(width(), height());
    }

    /** @return channel order, mean and std */
    public Normalization normalization() {
        return preprocessing.normalization();
    }

    /** @return the input width */
    public int width() {
        return preprocessing.inputWidth();
    }

    /** @return the input height */
    public int height() {
        return preprocessing.inputHeight();
    }

    /** @return floats per sample, {@code 3·H·W} */
    public int sampleFloats() {
        return CHANNELS * width() * height();
    }
}
