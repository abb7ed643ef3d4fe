package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.BrightnessContrast;

import java.util.random.RandomGenerator;

/**
 * Brightness, contrast and colour-saturation jitter: with probability {@code p}, core's
 * {@link BrightnessContrast} with offset {@code β ~ U[−maxBrightness, maxBrightness]} grey levels and
 * gain {@code γ ~ U[1 − maxContrast, 1 + maxContrast]} about mid-grey (clamped to 0..255), then
 * saturation {@code s ~ U[1 − maxSaturation, 1 + maxSaturation]}: each pixel becomes
 * {@code Y + s·(px − Y)} with {@code Y} its BT.601 luma (s = 0 gives grey, 1 the input), clamped to
 * 0..255 — the saturation rule of torchvision's {@code adjust_saturation}.
 *
 * @param probability {@code p} in [0, 1]
 * @param maxBrightness largest offset, in [0, 255] grey levels
 * @param maxContrast largest relative gain change, in [0, 1]
 * @param maxSaturation largest relative saturation change, in [0, 1]
 */
public record ColourJitter(double probability, double maxBrightness, double maxContrast, double maxSaturation)
        implements Augmentation {

    /** @throws IllegalArgumentException if a setting is out of range */
    public ColourJitter {
        Augmentation.checkProbability("colour jitter", probability);
        Augmentation.checkRange("colour jitter brightness", maxBrightness, maxBrightness, 0, 255);
        Augmentation.checkRange("colour jitter contrast", maxContrast, maxContrast, 0, 1);
        Augmentation.checkRange("colour jitter saturation", maxSaturation, maxSaturation, 0, 1);
    }

    @Override
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        boolean fire = Augmentation.fires(random, probability);
        double brightness = Augmentation.uniform(random, -maxBrightness, maxBrightness);
        double contrast = Augmentation.uniform(random, 1 - maxContrast, 1 + maxContrast);
        double saturation = Augmentation.uniform(random, 1 - maxSaturation, 1 + maxSaturation);
        if (!fire) {
            return image;
        }
        RgbImage bc = new BrightnessContrast(brightness, contrast).apply(image, random);
        return saturation == 1 ? bc : saturate(bc, saturation);
    }

    static RgbImage saturate(RgbImage image, double saturation) {
        float[] px = image.toArray();
        for (int i = 0; i < px.length; i += 3) {
            float y = Luma.of(px[i], px[i + 1], px[i + 2]);
            for (int c = 0; c < 3; c++) {
                px[i + c] = (float) Math.min(255, Math.max(0, y + saturation * (px[i + c] - y)));
            }
        }
        return RgbImage.of(image.width(), image.height(), px);
    }
}
