package io.polyface.core.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Checks}: the value passes through at the bound, and both wordings of a refusal. */
class ChecksTest {

    @Test
    void valuesAtOrAboveTheBoundPassThrough() {
        assertThat(Checks.requireAtLeast("workers", 1, 1)).isEqualTo(1);
        assertThat(Checks.requireAtLeast("steps", Long.MAX_VALUE, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(Checks.atLeast("chunkPairs", 5L, 1)).isEqualTo(5L);
        assertThat(Checks.atLeast("far", 0.5, 0)).isEqualTo(0.5);
    }

    @Test
    void refusalsNameTheSettingTheBoundAndTheValue() {
        assertThatThrownBy(() -> Checks.requireAtLeast("warm-up steps", 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warm-up steps must be >= 1, got 0");
        assertThatThrownBy(() -> Checks.requireAtLeast("start step", -3L, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("start step must be >= 0, got -3");
        assertThatThrownBy(() -> Checks.atLeast("chunkPairs", 0L, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chunkPairs = 0, expected >= 1");
        assertThatThrownBy(() -> Checks.atLeast("scale", -0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scale = -0.5, expected >= 0");
    }
}
