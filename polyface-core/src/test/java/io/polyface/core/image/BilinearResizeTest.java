package io.polyface.core.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** OpenCV INTER_LINEAR semantics: golden outputs of cv2.resize (OpenCV 4.6, float32) and an independent double computation. */
class BilinearResizeTest {

    @Test
    void twoByTwoToFourByFourMatchesOpenCv() {
        RgbImage src = RgbImage.fromGrey(2, 2, new float[] {0, 100, 200, 50});
        // cv2.resize(np.array([[0,100],[200,50]], np.float32), (4, 4), interpolation=cv2.INTER_LINEAR)
        float[][] expected = {
                {0, 25, 75, 100},
                {50, 59.375f, 78.125f, 87.5f},
                {150, 128.125f, 84.375f, 62.5f},
                {200, 162.5f, 87.5f, 50}};
        RgbImage out = src.resize(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(out.get(x, y, c)).as("(%d,%d,%d)", x, y, c).isCloseTo(expected[y][x], within(1e-5f));
                }
            }
        }
    }

    @Test
    void nonIntegerScalesMatchOpenCv() {
        RgbImage src = TestImages.pattern(7, 5);
        // cv2.resize(pattern (H 5, W 7, 3) float32, (4, 2), interpolation=cv2.INTER_LINEAR).flatten()
        float[] to4x2 = {82.125f, 135.125f, 188.125f, 146.875f, 199.875f, 60.875f, 211.625f, 96.625f, 125.625f, 84.375f,
                97.375f, 126.375f, 53.625f, 106.625f, 159.625f, 118.375f, 163.375f, 160.375f, 127.125f, 172.125f, 57.125f,
                183.875f, 116.875f, 97.875f};
        assertThat(src.resize(4, 2).toArray()).containsExactly(to4x2, within(1e-3f));
        // the same at (11, 3) (upscaling columns, downscaling rows) and (3, 9)
        float[] to11x3 = {
                30.333334f, 83.333328f, 136.333344f, 47.151512f, 100.151505f, 153.151505f, 70.696976f, 123.696968f, 168.939392f,
                94.242424f, 147.242416f, 138.181808f, 117.787872f, 170.787872f, 138.454529f, 141.333328f, 194.333328f, 161.999985f,
                164.878784f, 163.575745f, 185.545456f, 165.151489f, 156.090912f, 162.545410f, 134.393921f, 179.636368f, 77.484833f,
                150.181808f, 110.090919f, 85.515152f, 166.999985f, 49.333336f, 102.333328f, 182.000000f, 235.000000f, 32.000000f,
                198.818176f, 135.454529f, 48.818184f, 199.090897f, 19.363638f, 72.363640f, 59.727268f, 42.909092f, 95.909088f,
                13.454541f, 66.454544f, 119.454544f, 37.000000f, 90.000000f, 143.000000f, 60.545456f, 113.545464f, 166.545456f,
                84.090912f, 137.090912f, 190.090927f, 107.636368f, 160.636368f, 213.636368f, 131.181824f, 184.181824f, 237.181824f,
                148.000000f, 201.000000f, 254.000000f, 77.666672f, 130.666672f, 183.666672f, 94.484863f, 147.484848f, 200.484848f,
                118.030312f, 171.030319f, 208.515167f, 141.575775f, 194.575775f, 123.454529f, 165.121216f, 156.060623f, 100.454521f,
                188.666672f, 70.999985f, 123.999985f, 103.606033f, 94.545441f, 93.242424f, 65.090904f, 118.090912f, 85.757599f,
                88.636353f, 141.636353f, 109.303040f, 112.181808f, 118.636368f, 132.848495f, 128.999985f, 96.666679f, 149.666672f
        };
        float[] to3x9 = {
                24.666668f, 77.666664f, 130.666672f, 111.000000f, 164.000000f, 217.000000f, 197.333344f, 164.999969f, 47.333340f,
                55.000000f, 108.000000f, 161.000000f, 141.333328f, 194.333328f, 161.999985f, 142.333344f, 138.444412f, 77.666672f,
                105.555557f, 158.555557f, 211.555557f, 191.888885f, 244.888885f, 70.333328f, 50.666672f, 94.185188f, 128.222229f,
                156.111115f, 133.259262f, 148.333328f, 128.666672f, 181.666672f, 92.444443f, 72.777786f, 125.777786f, 178.777786f,
                206.666656f, 88.999992f, 56.666664f, 37.000000f, 90.000000f, 143.000000f, 123.333344f, 176.333344f, 229.333344f,
                114.999992f, 92.148148f, 107.222221f, 87.555557f, 140.555557f, 193.555557f, 173.888901f, 179.481461f, 137.666672f,
                51.777786f, 104.777786f, 157.777802f, 138.111115f, 162.666656f, 215.666656f, 196.000000f, 173.148102f, 74.444450f,
                102.333344f, 155.333344f, 208.333344f, 188.666672f, 70.999985f, 123.999985f, 104.333328f, 128.888870f, 125.000015f,
                132.666672f, 185.666656f, 238.666672f, 219.000000f, 16.000000f, 69.000000f, 49.333340f, 102.333344f, 155.333344f
        };
        assertThat(src.resize(11, 3).toArray()).containsExactly(to11x3, within(1e-3f));
        assertThat(src.resize(3, 9).toArray()).containsExactly(to3x9, within(1e-3f));
    }

    @Test
    void matchesIndependentDoubleComputation() {
        RgbImage src = TestImages.smooth(23, 17);
        int[][] sizes = {{50, 40}, {7, 5}, {23, 9}, {1, 1}, {112, 112}, {31, 17}};
        for (int[] s : sizes) {
            RgbImage out = src.resize(s[0], s[1]);
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(out.get(x, y, c)).as("%dx%d at (%d,%d,%d)", s[0], s[1], x, y, c)
                                .isCloseTo((float) reference(src, s[0], s[1], x, y, c), within(1e-3f));
                    }
                }
            }
        }
    }

    /** Half-pixel-centre bilinear sampling with replicated borders, written out in double. */
    private static double reference(RgbImage src, int dw, int dh, int x, int y, int c) {
        double sx = Math.min(Math.max((x + 0.5) * src.width() / dw - 0.5, 0), src.width() - 1);
        double sy = Math.min(Math.max((y + 0.5) * src.height() / dh - 0.5, 0), src.height() - 1);
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        int x1 = Math.min(x0 + 1, src.width() - 1);
        int y1 = Math.min(y0 + 1, src.height() - 1);
        double fx = sx - x0;
        double fy = sy - y0;
        return (1 - fy) * ((1 - fx) * src.get(x0, y0, c) + fx * src.get(x1, y0, c))
                + fy * ((1 - fx) * src.get(x0, y1, c) + fx * src.get(x1, y1, c));
    }

    @Test
    void exactHalvingAveragesTwoByTwoBlocks() {
        RgbImage src = TestImages.pattern(8, 6);
        RgbImage half = src.resize(4, 3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                float mean = (src.get(2 * x, 2 * y, 1) + src.get(2 * x + 1, 2 * y, 1) + src.get(2 * x, 2 * y + 1, 1)
                        + src.get(2 * x + 1, 2 * y + 1, 1)) / 4;
                assertThat(half.get(x, y, 1)).isCloseTo(mean, within(1e-4f));
            }
        }
    }

    @Test
    void sameSizeIsIdentityAndBadSizesAreRejected() {
        RgbImage src = TestImages.pattern(5, 4);
        assertThat(src.resize(5, 4)).isSameAs(src);
        assertThatThrownBy(() -> src.resize(0, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x4");
    }
}
