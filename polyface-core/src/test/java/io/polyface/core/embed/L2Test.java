package io.polyface.core.embed;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one L2 normalisation: v / ||v|| against an independent double computation, and its zero/non-finite policy. */
class L2Test {

    @Test
    void matchesAnIndependentDoubleComputation() {
        SplittableRandom r = new SplittableRandom(7);
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        double norm = Math.sqrt(sq);
        float[] expected = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = (float) (v[i] / norm);
        }
        double[] unit = L2.unit(v, "v");
        assertThat(L2.norm(v, 0, v.length, "v")).isEqualTo(norm);
        float[] out = new float[v.length + 3];
        L2.normalizeInto(v, 0, out, 3, v.length, "v");
        assertThat(L2.normalize(v.clone(), "v")).containsExactly(expected);
        for (int i = 0; i < v.length; i++) {
            assertThat(out[3 + i]).isEqualTo(expected[i]);
            assertThat(unit[i]).isEqualTo(v[i] / norm);
        }
        assertThat(L2.norm(new double[] {3, 4}, "d")).isEqualTo(5.0);
        assertThat(L2.normalize(new float[] {3, 4}, "v")).containsExactly(0.6f, 0.8f);
    }

    @Test
    void zeroOrNonFiniteVectorsAreErrorsNamingTheRow() {
        float[] zero = new float[4];
        assertThatThrownBy(() -> L2.normalize(zero, "embedding row 3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedding row 3 is all zeros");
        assertThatThrownBy(() -> L2.unit(new float[] {1, Float.NaN}, "row 5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 5 holds NaN at position 1");
        assertThatThrownBy(() -> L2.norm(new double[] {0, 0}, "centre 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("centre 2 is all zeros");
        assertThatThrownBy(() -> L2.norm(new double[] {1e200, 1e200}, "big")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("big has an infinite L2 norm");
        float[] kept = {1, Float.POSITIVE_INFINITY};
        assertThatThrownBy(() -> L2.normalize(kept, "row 0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(kept).containsExactly(1, Float.POSITIVE_INFINITY);
    }
}
