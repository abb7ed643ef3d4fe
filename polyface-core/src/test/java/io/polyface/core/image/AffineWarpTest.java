package io.polyface.core.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Affine warp: exact cases and an independent double-precision bilinear sampler with a constant-0 border. */
class AffineWarpTest {

    @Test
    void identityAndIntegerShiftsCopyPixels() {
        RgbImage src = TestImages.pattern(9, 7);
        assertThat(AffineWarp.warp(src, AffineMatrix.identity(), 9, 7)).isEqualTo(src);
        RgbImage shifted = AffineWarp.warp(src, new AffineMatrix(1, 0, 2, 0, 1, -1), 9, 7);
        assertThat(shifted.get(5, 2, 0)).isEqualTo(src.get(3, 3, 0));
        assertThat(shifted.get(0, 0, 2)).isZero(); // source (-2, 1) is outside: border 0
    }

    @Test
    void quarterTurnAboutTheCentreIsExact() {
        RgbImage src = TestImages.pattern(5, 5);
        // (x, y) -> (4 - y, x): a quarter turn of a 5x5 grid onto itself
        RgbImage turned = AffineWarp.warp(src, new AffineMatrix(0, -1, 4, 1, 0, 0), 5, 5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                assertThat(turned.get(4 - y, x, 1)).isCloseTo(src.get(x, y, 1), within(1e-4f));
            }
        }
    }

    @Test
    void matchesIndependentBilinearSampling() {
        RgbImage src = TestImages.smooth(40, 30);
        double angle = 0.37;
        double s = 1.3;
        AffineMatrix m = new AffineMatrix(s * Math.cos(angle), -s * Math.sin(angle), 3.25,
                s * Math.sin(angle), s * Math.cos(angle), -7.5);
        RgbImage out = AffineWarp.warp(src, m, 33, 29);
        double det = m.m00() * m.m11() - m.m01() * m.m10();
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < 33; x++) {
                double dx = x - m.m02();
                double dy = y - m.m12();
                double sx = (m.m11() * dx - m.m01() * dy) / det;
                double sy = (-m.m10() * dx + m.m00() * dy) / det;
                for (int c = 0; c < 3; c++) {
                    assertThat(out.get(x, y, c)).as("(%d,%d,%d)", x, y, c)
                            .isCloseTo((float) bilinearZeroBorder(src, sx, sy, c), within(2e-3f));
                }
            }
        }
    }

    private static double bilinearZeroBorder(RgbImage src, double sx, double sy, int c) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        return (1 - fx) * (1 - fy) * at(src, x0, y0, c) + fx * (1 - fy) * at(src, x0 + 1, y0, c)
                + (1 - fx) * fy * at(src, x0, y0 + 1, c) + fx * fy * at(src, x0 + 1, y0 + 1, c);
    }

    private static double at(RgbImage src, int x, int y, int c) {
        return x < 0 || y < 0 || x >= src.width() || y >= src.height() ? 0 : src.get(x, y, c);
    }

    @Test
    void inverseComposesToIdentity() {
        AffineMatrix m = new AffineMatrix(1.2, -0.4, 5, 0.3, 0.9, -2);
        AffineMatrix inv = m.inverse();
        double x = 13.5;
        double y = -4.25;
        assertThat(inv.applyX(m.applyX(x, y), m.applyY(x, y))).isCloseTo(x, within(1e-12));
        assertThat(inv.applyY(m.applyX(x, y), m.applyY(x, y))).isCloseTo(y, within(1e-12));
    }

    @Test
    void singularMapsAndBadSizesAreRejected() {
        RgbImage src = TestImages.pattern(4, 4);
        assertThatThrownBy(() -> AffineWarp.warp(src, new AffineMatrix(1, 2, 0, 2, 4, 0), 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> AffineWarp.warp(src, AffineMatrix.identity(), 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x0");
        assertThatThrownBy(() -> new AffineMatrix(Double.NaN, 0, 0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m00");
    }
}
