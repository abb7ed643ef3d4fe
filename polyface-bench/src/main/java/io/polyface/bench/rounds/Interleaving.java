package io.polyface.bench.rounds;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which round r runs k contenders: rotated by one place per round (A, B, C; B, C, A; C, A, B; …), so that
 * each runs first, second, … equally often and a slow drift of the machine's load touches all alike.
 */
public final class Interleaving {

    private Interleaving() {}

    /**
     * @param contenders how many things each round times, ≥ 1
     * @param round the round, from 0
     * @return the contender indices in the order to run them in that round
     * @throws IllegalArgumentException if {@code contenders < 1} or {@code round < 0}
     */
    public static List<Integer> order(int contenders, int round) {
        if (contenders < 1 || round < 0) {
            throw new IllegalArgumentException("order of " + contenders + " contenders in round " + round
                    + "; expected >= 1 contenders and a round >= 0");
        }
        List<Integer> out = new ArrayList<>(contenders);
        for (int i = 0; i < contenders; i++) {
            out.add((i + round) % contenders);
        }
        return out;
    }
}
