package io.polyface.bench.rounds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterleavingTest {

    @Test
    void rotatesByOnePlacePerRound() {
        assertThat(Interleaving.order(3, 0)).containsExactly(0, 1, 2);
        assertThat(Interleaving.order(3, 1)).containsExactly(1, 2, 0);
        assertThat(Interleaving.order(3, 2)).containsExactly(2, 0, 1);
        assertThat(Interleaving.order(3, 3)).containsExactly(0, 1, 2);
        assertThat(Interleaving.order(2, 1)).containsExactly(1, 0); // A, B then B, A
        assertThat(Interleaving.order(1, 5)).containsExactly(0);
    }

    @Test
    void eachContenderRunsFirstEquallyOftenOverAFullCycle() {
        int[] first = new int[4];
        for (int round = 0; round < 8; round++) {
            first[Interleaving.order(4, round).get(0)]++;
        }
        assertThat(first).containsExactly(2, 2, 2, 2);
    }

    @Test
    void rejectsNoContendersAndNegativeRounds() {
        assertThatThrownBy(() -> Interleaving.order(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 contenders");
        assertThatThrownBy(() -> Interleaving.order(2, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round -1");
    }
}
