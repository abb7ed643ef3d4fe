package io.polyface.train.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The distillation losses against an independent double-precision computation of their formulas, and their DJL
 * gradients against central finite differences of that computation.
 */
class KdLossTest {

    /** The terms evaluated on embeddings alone ({@link KdLoss#PROXYLESS} needs class centres: ProxylessKdTest). */
    private static final List<KdLoss> EMBEDDING_TERMS = List.of(KdLoss.ANGULAR, KdLoss.COSINE, KdLoss.RELATION);


    private static final int B = 5;
    private static final int D = 7;

    @Test
    void angularIsTwoMinusTwoCosineAndEqualsTheSquaredDistanceOfUnitVectors() {
        double[][] s = random(B, D, 1);
        double[][] t = random(B, D, 2);
        double cos = 0;
        double dist = 0;
        for (int i = 0; i < B; i++) {
            double[] a = unit(s[i]);
            double[] b = unit(t[i]);
            for (int k = 0; k < D; k++) {
                cos += a[k] * b[k];
                dist += (a[k] - b[k]) * (a[k] - b[k]);
            }
        }
        assertThat(reference(KdLoss.ANGULAR, s, t)).isCloseTo(2 - 2 * cos / B, within(1e-12));
        assertThat(reference(KdLoss.ANGULAR, s, t)).isCloseTo(dist / B, within(1e-12));
        assertThat(reference(KdLoss.COSINE, s, t)).isCloseTo(1 - cos / B, within(1e-12));
    }

    @Test
    void valuesAndGradientsMatchDoublePrecisionAndFiniteDifferences() {
        for (KdLoss loss : EMBEDDING_TERMS) {
            int dt = loss == KdLoss.RELATION ? 11 : D; // relational distillation compares B x B matrices: sizes may differ
            double[][] s = random(B, D, 3);
            double[][] t = random(B, dt, 4);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(flat(s), new Shape(B, D)).toType(DataType.FLOAT64, false);
                NDArray y = m.create(flat(t), new Shape(B, dt)).toType(DataType.FLOAT64, false);
                x.setRequiresGradient(true);
                double value;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.evaluate(x, y);
                    value = l.getDouble();
                    gc.backward(l);
                }
                double[] grad = x.getGradient().toDoubleArray();
                assertThat(value).as(loss + " value").isCloseTo(reference(loss, s, t), within(1e-10));
                double h = 1e-6;
                for (int i = 0; i < B; i++) {
                    for (int k = 0; k < D; k++) {
                        double keep = s[i][k];
                        s[i][k] = keep + h;
                        double up = reference(loss, s, t);
                        s[i][k] = keep - h;
                        double down = reference(loss, s, t);
                        s[i][k] = keep;
                        assertThat(grad[i * D + k]).as(loss + " d/ds[" + i + "][" + k + "]").isCloseTo((up - down) / (2 * h), within(1e-7));
                    }
                }
            }
        }
    }

    @Test
    void identicalEmbeddingsGiveZeroAndElementWiseLossesRefuseOtherSizes() {
        double[][] s = random(B, D, 5);
        double[][] scaled = new double[B][D];
        for (int i = 0; i < B; i++) {
            for (int k = 0; k < D; k++) {
                scaled[i][k] = 3 * s[i][k];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat(s), new Shape(B, D));
            NDArray y = m.create(flat(scaled), new Shape(B, D));
            for (KdLoss l : EMBEDDING_TERMS) {
                NDArray v = l.evaluate(x, y);
                assertThat(v.getDataType()).as(l.name() + " keeps float32").isEqualTo(DataType.FLOAT32);
                assertThat(v.getFloat()).as(l.name()).isCloseTo(0f, within(1e-5f));
            }
            NDArray wide = m.create(flat(random(B, 11, 6)), new Shape(B, 11));
            assertThatThrownBy(() -> KdLoss.ANGULAR.evaluate(x, wide)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("projection");
        }
        assertThat(KdLoss.parseList("angular,relation,angular")).containsExactly(KdLoss.ANGULAR, KdLoss.RELATION);
        assertThatThrownBy(() -> KdLoss.parseList("hinton")).hasMessageContaining("--kd-loss").hasMessageContaining("hinton");
        assertThat(List.of(KdLoss.values())).filteredOn(KdLoss::needsEqualSizes).containsExactly(KdLoss.ANGULAR, KdLoss.COSINE, KdLoss.PROXYLESS);
    }

    /** The formulas of {@link KdLoss}'s documentation, in double precision, written independently of DJL. */
    static double reference(KdLoss loss, double[][] s, double[][] t) {
        int b = s.length;
        double[][] su = new double[b][];
        double[][] tu = new double[b][];
        for (int i = 0; i < b; i++) {
            su[i] = unit(s[i]);
            tu[i] = unit(t[i]);
        }
        double sum = 0;
        if (loss == KdLoss.RELATION) {
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    double diff = dot(su[i], su[j]) - dot(tu[i], tu[j]);
                    sum += diff * diff;
                }
            }
            return sum / ((double) b * b);
        }
        for (int i = 0; i < b; i++) {
            double c = dot(su[i], tu[i]);
            sum += loss == KdLoss.ANGULAR ? 2 - 2 * c : 1 - c;
        }
        return sum / b;
    }

    static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v) + KdLoss.EPS);
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / n;
        }
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[][] random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = (float) r.nextGaussian(); // float-exact, so the float64 arrays hold the same values
            }
        }
        return m;
    }

    static float[] flat(double[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int k = 0; k < m[i].length; k++) {
                f[i * m[i].length + k] = (float) m[i][k];
            }
        }
        return f;
    }
}
