package io.polyface.bench.rounds;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueAndIgnoresOneOutlier() {
        Spread s = Spread.of(3.0, 100.0, 2.0);
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(100.0);
        assertThat(s.rounds()).isEqualTo(3);
        assertThat(s.relativeRange()).isEqualTo(98.0 / 3.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(4.0, 1.0, 3.0, 2.0).median()).isEqualTo(2.5);
        assertThat(Spread.of(List.of(7.0)).median()).isEqualTo(7.0);
    }

    @Test
    void ratiosAreTakenPerRoundNotFromTheMedians() {
        // round 2 runs under load: both sides slow down by 2x; the per-round ratio stays 0.5
        Spread r = Spread.ofRatios(List.of(10.0, 20.0, 10.0), List.of(20.0, 40.0, 20.0));
        assertThat(r.median()).isEqualTo(0.5);
        assertThat(r.min()).isEqualTo(0.5);
        assertThat(r.max()).isEqualTo(0.5);
        Spread mixed = Spread.ofRatios(List.of(1.0, 3.0, 2.0), List.of(1.0, 2.0, 4.0));
        assertThat(mixed.median()).isEqualTo(1.0);
        assertThat(mixed.min()).isEqualTo(0.5);
        assertThat(mixed.max()).isEqualTo(1.5);
    }

    @Test
    void formatsMedianAndRange() {
        assertThat(Spread.of(0.881, 0.95, 0.912).format("%.3f")).isEqualTo("0.912 (0.881–0.950)");
    }

    @Test
    void rejectsNoRoundsMismatchedRoundsAndNonFiniteValues() {
        assertThatThrownBy(Spread::of).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one round");
        assertThatThrownBy(() -> Spread.ofRatios(List.of(1.0), List.of(1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 rounds over 2 rounds");
        assertThatThrownBy(() -> Spread.of(1.0, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }
}
