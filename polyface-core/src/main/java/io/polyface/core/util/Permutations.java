package io.polyface.core.util;

import java.util.random.RandomGenerator;

/** Random permutations drawn one documented way, so that a seed gives the same order wherever one is drawn. */
public final class Permutations {

    private Permutations() {}

    /**
     * A uniformly random permutation of {@code 0 .. n−1}: the identity shuffled by Durstenfeld's Fisher–Yates
     * (for {@code i = n−1} down to 1, swap {@code i} with {@code j = random.nextInt(i + 1)}; R. Durstenfeld,
     * "Algorithm 235: Random permutation", CACM 7(7), 1964). Consumes exactly {@code n − 1} draws.
     *
     * @param n the length, {@code >= 0}
     * @param random the random source (advanced)
     * @return the permutation, a new array of length {@code n}
     * @throws NegativeArraySizeException if {@code n < 0}
     */
    public static int[] random(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
