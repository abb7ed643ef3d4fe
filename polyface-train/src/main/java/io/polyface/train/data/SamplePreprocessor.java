package io.polyface.train.data;

import io.polyface.core.image.ImageDecodeException;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.RgbImage;
import io.polyface.train.augment.AugmentationPipeline;

import java.util.random.RandomGenerator;

/**
 * Turns encoded bytes into one model input sample: decode by content (core's {@link ImageDecoder}; grey
 * images become three equal channels), resize by the {@link ResizeRule} when the size differs, augment,
 * then normalise into {@code [3, H, W]} floats with the spec's channel order, mean and std (core's
 * {@link NchwTensors}). Stateless and thread-safe.
 *
 * @param input the model's input
 * @param augmentation the training augmentations ({@link AugmentationPipeline#NONE} for evaluation)
 */
public record SamplePreprocessor(ModelInput input, AugmentationPipeline augmentation) {

    /**
     * Decodes, resizes and augments.
     *
     * @param bytes the encoded image
     * @param source where it came from, for messages
     * @param random the sample's generator (augmentation draws)
     * @return the image at the input size, 0..255 RGB
     * @throws ImageDecodeException if the bytes are not a supported, valid image (naming the source)
     */
    public RgbImage prepare(byte[] bytes, String source, RandomGenerator random) throws ImageDecodeException {
        RgbImage image = ImageDecoder.decode(bytes, source);
        if (image.width() != input.width() || image.height() != input.height()) {
            image = image.resize(input.width(), input.height());
        }
        return augmentation.apply(image, random);
    }

    /**
     * Writes a prepared image as normalised planes.
     *
     * @param image an image at the input size
     * @param dst the batch array
     * @param offset the first float written ({@code 3·H·W} are written)
     */
    public void write(RgbImage image, float[] dst, int offset) {
        NchwTensors.write(image, input.normalization(), dst, offset);
    }
}
