package io.polyface.aggregation;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in Vector API kernels give bit for bit the scalar loops' results (sums, finiteness, largest magnitude,
 * rounding to float) (the test JVM runs with
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
            for (boolean fresh : new boolean[] {false, true}) {
                double[] scalar = new double[d];
                double[] vector = new double[d];
                for (int j = 0; j < d; j++) {
                    scalar[j] = fresh ? 0.0 : 0.5 - j; // fresh: the kernel ignores what acc holds
                    vector[j] = fresh ? Double.NaN : 0.5 - j;
                }
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < d; j++) {
                        scalar[j] += w[i] * f[off[i] + j];
                    }
                }
                VectorKernels.addScaled4(vector, fresh, f, off[0], w[0], f, off[1], w[1], f, off[2], w[2], f, off[3], w[3],
                        d);
                assertThat(vector).as("d = %d, fresh %s", d, fresh).containsExactly(scalar);
                if (fresh) {
                    double[] three = new double[d];
                    double[] threeScalar = new double[d];
                    VectorKernels.addScaled3(three, f, off[0], w[0], f, off[1], w[1], f, off[2], w[2], d);
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < d; j++) {
                            threeScalar[j] += w[i] * f[off[i] + j];
                        }
                    }
                    assertThat(three).as("three frames, d = %d", d).containsExactly(threeScalar);
                }
            }
        }
    }

    @Test
    void finitenessCheckFindsEveryNonFiniteValueWherever() {
        for (int d : new int[] {1, 7, 8, 16, 31, 512, 515}) {
            float[] a = new float[d + 3];
            java.util.Arrays.fill(a, Float.MAX_VALUE); // the largest finite magnitude passes
            a[1] = -Float.MAX_VALUE;
            assertThat(VectorKernels.allFinite(a, 2, d)).as("d = %d", d).isTrue();
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                                          Float.intBitsToFloat(0xffc00001)}) {
                for (int j : new int[] {0, d / 2, d - 1}) {
                    float[] b = a.clone();
                    b[2 + j] = bad;
                    assertThat(VectorKernels.allFinite(b, 2, d)).as("d = %d, %s at %d", d, bad, j).isFalse();
                    assertThat(VectorKernels.allFinite(b, 3, d - 1)).as("outside the frame").isEqualTo(j == 0 || d == 1);
                }
            }
        }
    }

    @Test
    void largestMagnitudeAndRoundingEqualTheScalarLoopsBitForBit() {
        Random rnd = new Random(71);
        for (int d : new int[] {1, 5, 8, 9, 16, 33, 512, 517}) {
            double[] v = new double[d + 2];
            for (int j = 0; j < v.length; j++) {
                v[j] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(80) - 40);
            }
            v[rnd.nextInt(d)] = -0.0;
            double max = 0;
            for (int j = 0; j < d; j++) {
                max = Math.max(max, Math.abs(v[j]));
            }
            double norm = 3.0 * (1 + rnd.nextDouble());
            for (boolean divide : new boolean[] {false, true}) {
                float[] out = new float[d];
                assertThat(VectorKernels.toFloat(v, divide, norm, out, d)).as("d = %d", d).isEqualTo(max);
                for (int j = 0; j < d; j++) {
                    float expected = (float) (divide ? v[j] / norm : v[j]);
                    assertThat(Float.floatToRawIntBits(out[j])).as("d = %d, j = %d", d, j)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
            for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] w = v.clone();
                w[rnd.nextInt(d)] = special;
                double m = VectorKernels.toFloat(w, true, norm, new float[d], d);
                if (Double.isNaN(special)) {
                    assertThat(m).as("d = %d with NaN", d).isNaN();
                } else {
                    assertThat(m).as("d = %d with %s", d, special).isEqualTo(Double.POSITIVE_INFINITY);
                }
            }
        }
    }

    @Test
    void vectorKernelIsOptIn() {
        assertThat(System.getProperty(SetMath.VECTOR_PROPERTY)).isNull();
        assertThat(SetMath.VECTOR).isFalse();
    }
}
