package io.polyface.bench.rounds;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairedRatioTest {

    /** A fake machine: calls advance its clock; from {@code slowFrom} on, every call takes twice as long. */
    private static final class Machine {
        long now;
        long slowFrom = Long.MAX_VALUE;
        final List<Character> log = new ArrayList<>();

        PairedRatio.Call call(char name, long nanos) {
            return () -> {
                log.add(name);
                now += now >= slowFrom ? 2 * nanos : nanos;
                return name;
            };
        }
    }

    @Test
    void aPhaseThatSlowsBothSidesCancelsInTheRatio() throws Exception {
        Machine m = new Machine();
        m.slowFrom = Duration.ofMillis(2500).toNanos(); // half-way through the measurement
        double ratio = new PairedRatio(() -> m.now).measure(m.call('a', 3_000_000), m.call('b', 1_000_000),
                Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertThat(ratio).isEqualTo(3.0);
    }

    @Test
    void blocksLastAboutTwoHundredMillisecondsAndAlternateTheirOrder() throws Exception {
        Machine m = new Machine();
        new PairedRatio(() -> m.now).measure(m.call('a', 5_000_000), m.call('b', 1_000_000), Duration.ZERO, Duration.ofMillis(1));
        // warm-up: one call each; then pair 0: 40 A then 200 B, pair 1: 200 B then 40 A (the minimum of two pairs)
        StringBuilder s = new StringBuilder();
        m.log.forEach(s::append);
        assertThat(s.toString()).isEqualTo("ab" + "a".repeat(40) + "b".repeat(200) + "b".repeat(200) + "a".repeat(40));
    }

    @Test
    void rejectsNegativeOrEmptyDurations() {
        PairedRatio p = new PairedRatio();
        PairedRatio.Call nothing = () -> null;
        assertThatThrownBy(() -> p.measure(nothing, nothing, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> p.measure(nothing, nothing, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("measurement > 0");
    }
}
