package io.polyface.core.image.ops;

import io.polyface.core.image.ImageDecodeException;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;

import java.util.random.RandomGenerator;

/**
 * JPEG compression artefacts: the image is rounded to 8 bits, encoded by ImageIO's JPEG writer at the
 * given quality ({@link ImageEncoder#toJpeg}) and decoded again. Deterministic for a given JDK.
 *
 * @param quality JPEG quality 1..100 (IJG scale)
 */
public record JpegRecompression(int quality) implements Degradation {

    /** @throws IllegalArgumentException if quality is outside 1..100 */
    public JpegRecompression {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + ": expected 1..100");
        }
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        byte[] jpeg = ImageEncoder.toJpeg(image, quality);
        try {
            return ImageDecoder.decode(jpeg, "JPEG re-compression at quality " + quality);
        } catch (ImageDecodeException e) {
            throw new IllegalStateException("the JDK could not decode its own JPEG output", e);
        }
    }
}
