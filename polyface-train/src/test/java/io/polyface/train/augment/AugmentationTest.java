package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.GaussianBlur;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AugmentationTest {

    /** A 12×10 colour ramp: R = 20x, G = 25y, B = 100. */
    private static RgbImage ramp() {
        float[] px = new float[12 * 10 * 3];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                int i = (y * 12 + x) * 3;
                px[i] = 20 * x;
                px[i + 1] = 25 * y;
                px[i + 2] = 100;
            }
        }
        return RgbImage.of(12, 10, px);
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        AugmentationPipeline all = AugmentationPipeline.parse("flip:0.5,crop:1,shift:1,jitter:1,grey:0.5,blur:1,downup:1,erase:1,jpeg:1,noise:1");
        RgbImage a = all.apply(ramp(), new SplittableRandom(5));
        RgbImage b = all.apply(ramp(), new SplittableRandom(5));
        RgbImage c = all.apply(ramp(), new SplittableRandom(6));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.width()).isEqualTo(12);
        assertThat(a.height()).isEqualTo(10);
    }

    @Test
    void probabilityZeroChangesNothingAndOneAlwaysFires() {
        RgbImage img = ramp();
        for (long seed = 0; seed < 20; seed++) {
            assertThat(new HorizontalFlip(0).apply(img, new SplittableRandom(seed))).isSameAs(img);
            assertThat(new HorizontalFlip(1).apply(img, new SplittableRandom(seed))).isEqualTo(img.flipHorizontal());
            assertThat(new RandomErasing(0, 0.1, 0.5).apply(img, new SplittableRandom(seed))).isSameAs(img);
        }
    }

    @Test
    void flipFiresAtItsRate() {
        RgbImage img = ramp();
        HorizontalFlip flip = new HorizontalFlip(0.3);
        int fired = 0;
        for (int i = 0; i < 4000; i++) {
            fired += flip.apply(img, new SplittableRandom(i)) != img ? 1 : 0;
        }
        // each of the 4000 independent draws fires with p = 0.3: 1200 ± 5σ (σ = 29)
        assertThat(fired).isBetween(1055, 1345);
    }

    @Test
    void greyscaleUsesBt601Luma() {
        RgbImage g = new RandomGreyscale(1).apply(ramp(), new SplittableRandom(0));
        for (int y = 0; y < 10; y += 3) {
            for (int x = 0; x < 12; x += 4) {
                double luma = 0.299 * 20 * x + 0.587 * 25 * y + 0.114 * 100;
                for (int c = 0; c < 3; c++) {
                    assertThat((double) g.get(x, y, c)).isCloseTo(luma, within(1e-3));
                }
            }
        }
    }

    @Test
    void colourJitterIsCoreBrightnessContrastThenSaturation() {
        ColourJitter jitter = new ColourJitter(1, 40, 0.5, 0.5);
        SplittableRandom r = new SplittableRandom(9);
        RgbImage out = jitter.apply(ramp(), r);
        // replay the draws: fire, brightness, contrast, saturation
        SplittableRandom replay = new SplittableRandom(9);
        replay.nextDouble();
        double brightness = -40 + 80 * replay.nextDouble();
        double contrast = 0.5 + 1.0 * replay.nextDouble();
        double saturation = 0.5 + 1.0 * replay.nextDouble();
        RgbImage bc = new BrightnessContrast(brightness, contrast).apply(ramp(), replay);
        for (int y = 0; y < 10; y += 3) {
            for (int x = 0; x < 12; x += 5) {
                double luma = 0.299 * bc.get(x, y, 0) + 0.587 * bc.get(x, y, 1) + 0.114 * bc.get(x, y, 2);
                for (int c = 0; c < 3; c++) {
                    double expected = Math.min(255, Math.max(0, luma + saturation * (bc.get(x, y, c) - luma)));
                    assertThat((double) out.get(x, y, c)).isCloseTo(expected, within(1e-3));
                }
            }
        }
    }

    @Test
    void blurIsCoreGaussianBlurAtTheDrawnSigma() {
        RgbImage out = new RandomGaussianBlur(1, 0.5, 2).apply(ramp(), new SplittableRandom(3));
        SplittableRandom replay = new SplittableRandom(3);
        replay.nextDouble();
        double sigma = 0.5 + 1.5 * replay.nextDouble();
        assertThat(out).isEqualTo(new GaussianBlur(sigma).apply(ramp(), replay));
    }

    @Test
    void resizedCropKeepsTheSizeAndFullAreaIsIdentity() {
        RgbImage img = ramp();
        RgbImage same = new RandomResizedCrop(1, 1, 1, 1, 1).apply(img, new SplittableRandom(2));
        assertThat(same).isEqualTo(img);
        RgbImage cropped = RandomResizedCrop.mild(1).apply(img, new SplittableRandom(2));
        assertThat(cropped.width()).isEqualTo(12);
        assertThat(cropped.height()).isEqualTo(10);
    }

    @Test
    void shiftMovesWholePixelsWithABlackBorder() {
        RgbImage img = ramp();
        // find a seed whose shift is non-zero and check one pixel against the source
        for (long seed = 0; seed < 50; seed++) {
            SplittableRandom replay = new SplittableRandom(seed);
            replay.nextDouble();
            int dx = replay.nextInt(2 * 3 + 1) - 3; // floor(0.3·12) = 3
            int dy = replay.nextInt(2 * 3 + 1) - 3; // floor(0.3·10) = 3
            if (dx > 0 && dy > 0) {
                RgbImage out = new RandomShift(1, 0.3).apply(img, new SplittableRandom(seed));
                assertThat(out.get(5 + dx, 4 + dy, 0)).isEqualTo(img.get(5, 4, 0));
                assertThat(out.get(0, 0, 2)).isZero();
                return;
            }
        }
        throw new AssertionError("no seed with a positive shift in 50 tries");
    }

    @Test
    void parseListsTheKnownNames() {
        assertThat(AugmentationPipeline.parse("none").isEmpty()).isTrue();
        assertThat(AugmentationPipeline.parse("flip,jpeg:0.25").transforms()).containsExactly(new HorizontalFlip(0.5), new RandomJpeg(0.25, 30, 90));
        assertThatThrownBy(() -> AugmentationPipeline.parse("flip,mixup")).hasMessageContaining("unknown augmentation 'mixup'")
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> AugmentationPipeline.parse("flip:x")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> new HorizontalFlip(1.5)).hasMessageContaining("probability must be in [0, 1]");
        assertThatThrownBy(() -> new RandomJpeg(0.5, 90, 30)).hasMessageContaining("min <= max");
    }
}
