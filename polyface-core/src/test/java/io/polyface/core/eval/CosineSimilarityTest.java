package io.polyface.core.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Cosine similarity on L2-normalised copies, against the textbook formula in double. */
class CosineSimilarityTest {

    @Test
    void matchesTheFormulaAndLeavesInputsAlone() {
        Random r = new Random(1);
        for (int t = 0; t < 100; t++) {
            float[] a = new float[1 + r.nextInt(512)];
            float[] b = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (r.nextGaussian() * 100);
                b[i] = (float) r.nextGaussian();
            }
            float[] a0 = a.clone();
            float[] b0 = b.clone();
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
                na += (double) a[i] * a[i];
                nb += (double) b[i] * b[i];
            }
            assertThat(CosineSimilarity.cosine(a, b)).isCloseTo(dot / Math.sqrt(na * nb), within(1e-6));
            assertThat(a).containsExactly(a0);
            assertThat(b).containsExactly(b0);
        }
        assertThat(CosineSimilarity.cosine(new float[] {3, 4}, new float[] {6, 8})).isCloseTo(1.0, within(1e-7));
        assertThat(CosineSimilarity.cosine(new float[] {1, 0}, new float[] {0, 5})).isEqualTo(0.0);
        assertThat(CosineSimilarity.normalized(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
    }

    @Test
    void refusesUndefinedInputs() {
        assertThatThrownBy(() -> CosineSimilarity.cosine(new float[] {1, 2}, new float[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different lengths: 2 and 1");
        assertThatThrownBy(() -> CosineSimilarity.normalized(new float[] {0, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all zeros");
        assertThatThrownBy(() -> CosineSimilarity.normalized(new float[] {1, Float.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity at position 1");
        assertThatThrownBy(() -> CosineSimilarity.normalized(new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
