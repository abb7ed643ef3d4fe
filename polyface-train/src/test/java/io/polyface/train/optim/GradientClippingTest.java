package io.polyface.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GradientClippingTest {

    @Test
    void globalNormAndClippingMatchBruteForce() {
        float[] a = {3, 4};
        float[] b = {12, 0, 0};
        double norm = Math.sqrt(9 + 16 + 144); // 13
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ga = m.create(a);
            NDArray gb = m.create(b);
            List<NDArray> grads = List.of(ga, gb);
            assertThat(GradientClipping.globalNorm(grads, m)).isCloseTo(norm, within(1e-5));
            assertThat(GradientClipping.clip(grads, 13, 20)).isEqualTo(1.0);
            assertThat(ga.toFloatArray()).containsExactly(3f, 4f);
            double factor = GradientClipping.clip(grads, 13, 6.5);
            assertThat(factor).isCloseTo(6.5 / (13 + 1e-6), within(1e-12));
            assertThat(GradientClipping.globalNorm(grads, m)).isCloseTo(6.5, within(1e-4));
            assertThat((double) gb.toFloatArray()[0]).isCloseTo(12 * factor, within(1e-5));
            assertThat(GradientClipping.globalNorm(List.of(), m)).isZero();
        }
    }
}
