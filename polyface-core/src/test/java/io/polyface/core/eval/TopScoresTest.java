package io.polyface.core.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded heap keeps exactly the largest scores, ties included, against a full sort. */
class TopScoresTest {

    @Test
    void keepsTheLargestAsAMultiset() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(3000);
            int cap = 1 + r.nextInt(200);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = trial % 2 == 0 ? (float) r.nextGaussian() : r.nextInt(7) / 4f; // heavy ties on odd trials
            }
            TopScores a = new TopScores(cap);
            TopScores b = new TopScores(cap);
            for (int i = 0; i < n; i++) {
                (i % 3 == 0 ? a : b).offer(s[i]);
            }
            a.mergeFrom(b);
            float[] sorted = s.clone();
            Arrays.sort(sorted);
            int m = Math.min(cap, n);
            double[] expected = new double[m];
            for (int i = 0; i < m; i++) {
                expected[i] = sorted[n - 1 - i];
            }
            assertThat(a.descending()).containsExactly(expected);
            assertThat(a.floor()).isEqualTo(n >= cap ? sorted[n - cap] : Float.NEGATIVE_INFINITY);
        }
    }
}
