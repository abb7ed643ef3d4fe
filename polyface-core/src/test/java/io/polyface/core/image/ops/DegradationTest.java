package io.polyface.core.image.ops;

import io.polyface.core.image.RgbImage;
import io.polyface.core.image.TestImages;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Degradations: OpenCV golden values, brute-force references, seeded reproducibility and range checks. */
class DegradationTest {

    /** Grey 7×5 image (37x + 91y) mod 256, as used for the OpenCV golden values below. */
    private static RgbImage greyPattern() {
        float[] g = new float[35];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                g[y * 7 + x] = (37 * x + 91 * y) % 256;
            }
        }
        return RgbImage.fromGrey(7, 5, g);
    }

    @Test
    void gaussianKernelsEqualOpenCvs() {
        // cv2.getGaussianKernel(7, 1.0) and (9, 1.3); OpenCV picks 7 and 9 taps for these sigmas on 8-bit images
        assertThat(new GaussianBlur(1.0).kernel()).containsExactly(new double[] {0.004433048175243744, 0.05400558262241449,
                0.24203622937611435, 0.39905027965245493, 0.24203622937611435, 0.05400558262241449, 0.004433048175243744}, within(1e-12));
        assertThat(new GaussianBlur(1.3).kernel()).containsExactly(new double[] {0.00269963368139773, 0.02141565094755336,
                0.09401101424618531, 0.22837429159016906, 0.30699881906938903, 0.22837429159016906, 0.09401101424618531,
                0.02141565094755336, 0.00269963368139773}, within(1e-12));
    }

    @Test
    void gaussianBlurMatchesOpenCvWithReflect101Border() {
        // cv2.GaussianBlur(pattern.astype(np.float32), (7, 7), 1.0, borderType=cv2.BORDER_REFLECT_101).flatten()
        float[] expected = {87.51524f, 97.08088f, 118.29556f, 141.58249f, 146.76740f, 130.41840f, 121.88202f, 106.99550f,
                109.89130f, 117.09259f, 131.95462f, 136.69423f, 123.04680f, 115.94717f, 120.02626f, 115.52119f, 106.85753f,
                112.05002f, 122.41634f, 126.39394f, 128.60942f, 103.12692f, 105.75308f, 110.12227f, 115.77914f, 120.97164f,
                132.91484f, 142.00851f, 95.44740f, 104.56017f, 120.79710f, 125.92831f, 119.79189f, 126.72351f, 135.99741f};
        RgbImage blurred = new GaussianBlur(1.0).apply(greyPattern(), new Random(0));
        for (int i = 0; i < expected.length; i++) {
            assertThat(blurred.get(i % 7, i / 7, 1)).as("pixel %d", i).isCloseTo(expected[i], within(1e-3f));
        }
    }

    @Test
    void gaussianBlurMatchesBruteForceTwoDimensionalConvolution() {
        RgbImage image = TestImages.pattern(12, 9);
        GaussianBlur blur = new GaussianBlur(1.7);
        double[] k = blur.kernel();
        int r = k.length / 2;
        RgbImage out = blur.apply(image, new Random(0));
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        for (int dx = -r; dx <= r; dx++) {
                            s += k[dy + r] * k[dx + r] * image.get(GaussianBlur.reflect101(x + dx, 12), GaussianBlur.reflect101(y + dy, 9), c);
                        }
                    }
                    assertThat(out.get(x, y, c)).isCloseTo((float) s, within(1e-3f));
                }
            }
        }
        assertThat(GaussianBlur.reflect101(-1, 5)).isEqualTo(1);
        assertThat(GaussianBlur.reflect101(5, 5)).isEqualTo(3);
        assertThat(GaussianBlur.reflect101(-7, 5)).isEqualTo(1);
        assertThat(GaussianBlur.reflect101(3, 1)).isZero();
    }

    @Test
    void noiseIsReproducibleHasTheRequestedSpreadAndSaturates() {
        RgbImage grey = RgbImage.fromGrey(64, 64, filled(64 * 64, 128));
        GaussianNoise noise = new GaussianNoise(10);
        RgbImage a = noise.apply(grey, new SplittableRandom(42));
        assertThat(noise.apply(grey, new SplittableRandom(42))).isEqualTo(a);
        assertThat(noise.apply(grey, new SplittableRandom(43))).isNotEqualTo(a);
        float[] v = a.toArray();
        double mean = 0;
        double sq = 0;
        for (float x : v) {
            mean += x - 128;
            sq += (x - 128) * (x - 128);
        }
        mean /= v.length;
        double std = Math.sqrt(sq / v.length - mean * mean);
        assertThat(mean).isCloseTo(0, within(0.5)); // 12288 samples: standard error 0.09
        assertThat(std).isCloseTo(10, within(0.5));
        RgbImage white = RgbImage.fromGrey(8, 8, filled(64, 250));
        for (float x : new GaussianNoise(50).apply(white, new Random(1)).toArray()) {
            assertThat(x).isBetween(0f, 255f);
        }
    }

    @Test
    void downUpResizeLosesDetailButKeepsSizeAndConstants() {
        RgbImage image = TestImages.smooth(40, 30);
        RgbImage low = new DownUpResize(0.25).apply(image, new Random(0));
        assertThat(low.width()).isEqualTo(40);
        assertThat(low.height()).isEqualTo(30);
        assertThat(low).isNotEqualTo(image);
        assertThat(new DownUpResize(1).apply(image, new Random(0))).isEqualTo(image);
        RgbImage flat = RgbImage.fromGrey(9, 7, filled(63, 77));
        for (float x : new DownUpResize(0.3).apply(flat, new Random(0)).toArray()) {
            assertThat(x).isCloseTo(77f, within(1e-4f));
        }
    }

    @Test
    void brightnessContrastFollowsItsFormula() {
        RgbImage image = RgbImage.fromGrey(3, 1, new float[] {0, 127.5f, 200});
        RgbImage out = new BrightnessContrast(10, 1.5).apply(image, new Random(0));
        // 1.5·(px − 127.5) + 127.5 + 10, clamped
        assertThat(out.get(0, 0, 0)).isZero();
        assertThat(out.get(1, 0, 1)).isEqualTo(137.5f);
        assertThat(out.get(2, 0, 2)).isEqualTo(246.25f);
    }

    @Test
    void occlusionFillsOneRectangleInsideTheImage() {
        RgbImage image = RgbImage.fromGrey(20, 10, filled(200, 100));
        Occlusion occlusion = new Occlusion(0.3, 0);
        RgbImage out = occlusion.apply(image, new Random(7));
        assertThat(occlusion.apply(image, new Random(7))).isEqualTo(out);
        int changed = 0;
        int minX = 99;
        int maxX = -1;
        int minY = 99;
        int maxY = -1;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                if (out.get(x, y, 0) == 0) {
                    changed++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertThat(changed).isEqualTo(6 * 3);
        assertThat(maxX - minX + 1).isEqualTo(6);
        assertThat(maxY - minY + 1).isEqualTo(3);
        RgbImage clipped = Occlusion.fillRectangle(image, 18, -2, 5, 4, 9);
        assertThat(clipped.get(19, 1, 2)).isEqualTo(9f);
        assertThat(clipped.get(17, 1, 2)).isEqualTo(100f);
        assertThat(clipped.get(19, 2, 2)).isEqualTo(100f);
    }

    @Test
    void jpegRecompressionDegradesWithLowerQuality() {
        RgbImage image = TestImages.pattern(32, 32);
        double errorHigh = meanAbsoluteDifference(image, new JpegRecompression(95).apply(image, new Random(0)));
        double errorLow = meanAbsoluteDifference(image, new JpegRecompression(5).apply(image, new Random(0)));
        assertThat(errorHigh).isGreaterThan(0).isLessThan(errorLow);
        assertThat(new JpegRecompression(50).apply(image, new Random(0))).isEqualTo(new JpegRecompression(50).apply(image, new Random(1)));
    }

    @Test
    void parametersOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new GaussianBlur(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new GaussianNoise(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new DownUpResize(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
        assertThatThrownBy(() -> new BrightnessContrast(0, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contrast");
        assertThatThrownBy(() -> new Occlusion(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new JpegRecompression(101)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quality");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s / x.length;
    }
}
