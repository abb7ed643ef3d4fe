package io.polyface.core.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded heap keeps exactly the largest scores, ties included, against a full sort. */
class TopScoresTest {

    @Test
    void keepsTheLargestAsAMultiset() {
        trials(3, 3000, 200, 0f, (s, cap, r) -> {
            TopScores a = new TopScores(cap);
            TopScores b = new TopScores(cap);
            for (int i = 0; i < s.length; i++) {
                (i % 3 == 0 ? a : b).offer(s[i]);
            }
            a.mergeFrom(b);
            assertThat(a.descending()).containsExactly(largest(s, cap));
            float[] sorted = s.clone();
            Arrays.sort(sorted);
            assertThat(a.floor()).isEqualTo(s.length >= cap ? sorted[s.length - cap] : Float.NEGATIVE_INFINITY);
        });
    }

    /** A floor raised by a caller that knows enough larger scores were offered leaves the kept multiset exact. */
    @Test
    void raisedFloorKeepsTheLargestAsAMultiset() {
        trials(5, 5000, 300, 1e-3f, (s, cap, r) -> { // rising scores (the floor keeps moving), or heavy ties
            TopScores top = new TopScores(cap);
            for (int i = 0; i < s.length; i++) {
                top.offer(s[i]);
                if (i + 1 >= cap && r.nextInt(50) == 0) { // the cap-th largest so far: everything strictly below it is out
                    float[] seen = Arrays.copyOf(s, i + 1);
                    Arrays.sort(seen);
                    top.raiseFloor(Math.nextDown(seen[i + 1 - cap]));
                }
            }
            assertThat(top.descending()).containsExactly(largest(s, cap));
        });
    }

    /** One trial: scores, a capacity and the trial's random source. */
    private interface Trial {
        void run(float[] scores, int cap, Random r);
    }

    /**
     * Runs 50 trials of up to {@code maxN} scores and capacity up to {@code maxCap}: Gaussian scores rising by
     * {@code drift} per index on even trials, heavy ties (one of seven values each) on odd ones.
     */
    private static void trials(long seed, int maxN, int maxCap, float drift, Trial trial) {
        Random r = new Random(seed);
        for (int t = 0; t < 50; t++) {
            int n = 1 + r.nextInt(maxN);
            int cap = 1 + r.nextInt(maxCap);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = t % 2 == 1 ? r.nextInt(7) / 4f : (float) r.nextGaussian() + i * drift;
            }
            trial.run(s, cap, r);
        }
    }

    /** The {@code cap} largest of {@code s} (all if fewer), largest first, by a full sort. */
    private static double[] largest(float[] s, int cap) {
        float[] sorted = s.clone();
        Arrays.sort(sorted);
        int m = Math.min(cap, s.length);
        double[] expected = new double[m];
        for (int i = 0; i < m; i++) {
            expected[i] = sorted[s.length - 1 - i];
        }
        return expected;
    }
}
