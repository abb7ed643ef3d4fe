package io.polyface.aggregation;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in Vector API kernel gives bit for bit the scalar kernel's sums (the test JVM runs with
 * {@code --add-modules jdk.incubator.vector}, see the module's pom), and the option is off by default.
 */
class VectorKernelsTest {

    @Test
    void vectorKernelEqualsTheScalarLoopBitForBit() {
        Random rnd = new Random(61);
        for (int d : new int[] {1, 3, 7, 8, 15, 16, 17, 128, 255, 512, 515}) {
            int n = 1 + rnd.nextInt(9);
            float[] frames = new float[n * d + 5];
            for (int k = 0; k < frames.length; k++) {
                frames[k] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
            }
            double[] scalar = new double[d];
            double[] vector = new double[d];
            for (int i = 0; i < n; i++) {
                double w = rnd.nextDouble() / 3;
                int off = i * d + (i % 3); // unaligned offsets too
                for (int j = 0; j < d; j++) {
                    scalar[j] += w * frames[off + j];
                }
                VectorKernels.addScaled(vector, frames, off, w, d);
            }
            assertThat(vector).as("d = %d", d).containsExactly(scalar);
        }
    }

    @Test
    void fourFrameVectorKernelEqualsFourScalarPassesBitForBit() {
        Random rnd = new Random(67);
        for (int d : new int[] {1, 5, 8, 9, 16, 33, 512, 517}) {
            float[] f = new float[4 * d + 3];
            for (int k = 0; k < f.length; k++) {
                f[k] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
            }
            double[] w = {rnd.nextDouble(), rnd.nextDouble() * 1e-3, rnd.nextDouble(), 1.0 / 3};
            int[] off = {0, d + 1, 2 * d + 2, 3 * d + 3};
            double[] scalar = new double[d];
            double[] vector = new double[d];
            for (int j = 0; j < d; j++) {
                scalar[j] = 0.5 - j;
                vector[j] = 0.5 - j;
            }
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < d; j++) {
                    scalar[j] += w[i] * f[off[i] + j];
                }
            }
            VectorKernels.addScaled4(vector, f, off[0], w[0], f, off[1], w[1], f, off[2], w[2], f, off[3], w[3], d);
            assertThat(vector).as("d = %d", d).containsExactly(scalar);
        }
    }

    @Test
    void vectorKernelIsOptIn() {
        assertThat(System.getProperty(SetMath.VECTOR_PROPERTY)).isNull();
        assertThat(SetMath.VECTOR).isFalse();
    }
}
