package io.polyface.train.finetune;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KernelResamplingTest {

    /** Independent computation: spread each old tap over a fine grid of lcm(h, h')×lcm(w, w') cells, sum the fine cells of each new tap. */
    private static double[] viaFineGrid(double[] k, int h, int w, int nh, int nw) {
        int fh = lcm(h, nh);
        int fw = lcm(w, nw);
        double cellArea = (double) (h * w) / (fh * fw); // a fine cell's area in old taps
        double[] out = new double[nh * nw];
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                double v = k[(y / (fh / h)) * w + x / (fw / w)];
                out[(y / (fh / nh)) * nw + x / (fw / nw)] += v * cellArea;
            }
        }
        return out;
    }

    private static int lcm(int a, int b) {
        int g = a;
        for (int r = b; r != 0; ) {
            int t = g % r;
            g = r;
            r = t;
        }
        return a / g * b;
    }

    @Test
    void gdc7x7To4x4MatchesTheFineGridComputationAndKeepsTheSum() {
        Random rnd = new Random(17);
        int planes = 3;
        float[] k = new float[planes * 49];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) rnd.nextGaussian();
        }
        float[] r = KernelResampling.resample(k, 7, 7, 4, 4);
        assertThat(r).hasSize(planes * 16);
        for (int p = 0; p < planes; p++) {
            double[] plane = new double[49];
            double sum = 0;
            for (int i = 0; i < 49; i++) {
                plane[i] = k[p * 49 + i];
                sum += plane[i];
            }
            double[] expected = viaFineGrid(plane, 7, 7, 4, 4);
            double newSum = 0;
            for (int i = 0; i < 16; i++) {
                assertThat((double) r[p * 16 + i]).isCloseTo(expected[i], within(1e-5));
                newSum += r[p * 16 + i];
            }
            assertThat(newSum).as("weighted sum kept (a constant feature map keeps its response)").isCloseTo(sum, within(1e-4));
        }
    }

    @Test
    void aConstantKernelScalesBy49Over16AndOtherSizesMatchTheFineGrid() {
        float[] ones = new float[49];
        java.util.Arrays.fill(ones, 1f);
        for (float v : KernelResampling.resample(ones, 7, 7, 4, 4)) {
            assertThat((double) v).isCloseTo(49.0 / 16, within(1e-6));
        }
        double[] k = {1, 2, 3, 4, 5, 6};
        float[] kf = {1, 2, 3, 4, 5, 6};
        double[] expected = viaFineGrid(k, 2, 3, 5, 2);
        float[] r = KernelResampling.resample(kf, 2, 3, 5, 2);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) r[i]).isCloseTo(expected[i], within(1e-6));
        }
        assertThat(KernelResampling.resample(kf, 2, 3, 2, 3)).containsExactly(kf);
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> KernelResampling.resample(new float[5], 2, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x2");
        assertThatThrownBy(() -> KernelResampling.overlap(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
