package io.polyface.train.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleOrderTest {

    private static int[] sizes(SampleOrder o, int steps) {
        return IntStream.range(0, steps).map(s -> o.indices(s).length).toArray();
    }

    @Test
    void everyEpochIsAPermutationCutIntoBatchesWithASmallerLast() {
        SampleOrder o = new SampleOrder(10, 4, 3);
        assertThat(o.stepsPerEpoch()).isEqualTo(3);
        assertThat(sizes(o, 6)).containsExactly(4, 4, 2, 4, 4, 2);
        for (int epoch = 0; epoch < 3; epoch++) {
            long first = 3L * epoch;
            int[] all = IntStream.range(0, 3).flatMap(p -> Arrays.stream(o.indices(first + p))).sorted().toArray();
            assertThat(all).containsExactly(IntStream.range(0, 10).toArray());
        }
        assertThat(o.indices(0)).isNotEqualTo(o.indices(3)); // a new permutation each epoch
    }

    @Test
    void aSingleLeftoverJoinsThePreviousBatch() {
        SampleOrder o = new SampleOrder(9, 4, 3);
        assertThat(o.stepsPerEpoch()).isEqualTo(2);
        assertThat(sizes(o, 2)).containsExactly(4, 5);
        SampleOrder small = new SampleOrder(3, 8, 3);
        assertThat(small.stepsPerEpoch()).isEqualTo(1);
        assertThat(sizes(small, 1)).containsExactly(3);
    }

    @Test
    void anyStepIsKnownWithoutReplayAndDependsOnTheSeed() {
        SampleOrder a = new SampleOrder(100, 16, 42);
        SampleOrder b = new SampleOrder(100, 16, 42);
        int[] late = b.indices(57);
        for (int s = 0; s < 57; s++) {
            a.indices(s);
        }
        assertThat(a.indices(57)).isEqualTo(late);
        assertThat(new SampleOrder(100, 16, 43).indices(0)).isNotEqualTo(a.indices(0));
        assertThat(a.epoch(57)).isEqualTo(57 / 7);
    }

    @Test
    void tooSmallSettingsAreRefused() {
        assertThatThrownBy(() -> new SampleOrder(1, 4, 0)).hasMessageContaining("at least 2 images");
        assertThatThrownBy(() -> new SampleOrder(10, 1, 0)).hasMessageContaining("batch size must be >= 2");
        assertThat(new SequentialPlan(10, 4).steps()).isEqualTo(3);
        assertThat(new SequentialPlan(10, 4).indices(2)).containsExactly(8, 9);
    }
}
