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
    void vectorKernelIsOptIn() {
        assertThat(System.getProperty(SetMath.VECTOR_PROPERTY)).isNull();
        assertThat(SetMath.VECTOR).isFalse();
    }
}
