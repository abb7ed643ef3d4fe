package io.polyface.train.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SchedulesTest {

    @Test
    void cosineFallsFromOneToTheFloor() {
        CosineDecay c = new CosineDecay(0, 100, 0.1);
        assertThat(c.factor(0)).isEqualTo(1.0);
        assertThat(c.factor(50)).isCloseTo(0.1 + 0.9 * 0.5, within(1e-15));
        assertThat(c.factor(25)).isCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-15));
        assertThat(c.factor(100)).isCloseTo(0.1, within(1e-15));
        assertThat(c.factor(1000)).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void polynomialDecayIsInsightFacesPolySchedule() {
        PolynomialDecay p = new PolynomialDecay(10, 110, 2, 0);
        assertThat(p.factor(5)).isEqualTo(1.0);
        assertThat(p.factor(60)).isCloseTo(0.25, within(1e-15));
        assertThat(p.factor(110)).isZero();
    }

    @Test
    void stepDecayDropsAtEachMilestone() {
        StepDecay s = new StepDecay(new long[] {10, 20}, 0.1);
        assertThat(s.factor(9)).isEqualTo(1.0);
        assertThat(s.factor(10)).isCloseTo(0.1, within(1e-15));
        assertThat(s.factor(25)).isCloseTo(0.01, within(1e-15));
        assertThatThrownBy(() -> new StepDecay(new long[] {20, 10}, 0.1)).hasMessageContaining("strictly increasing");
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        LearningRateSchedule s = Schedules.create("cosine", 110, 10, null, 0.1, 2, 0);
        assertThat(s).isInstanceOf(Warmup.class);
        assertThat(s.factor(0)).isCloseTo(0.1, within(1e-15)); // 1/W
        assertThat(s.factor(5)).isCloseTo(0.1 + 0.9 * 0.5, within(1e-15));
        assertThat(s.factor(10)).isEqualTo(1.0);
        assertThat(s.factor(60)).isCloseTo(0.5, within(1e-15));
        assertThat(s.describe()).containsEntry("kind", "warmup");
    }

    @Test
    void defaultStepMilestonesAreAtSixtyAndEightyFivePercent() {
        LearningRateSchedule s = Schedules.create("step", 100, 0, new long[0], 0.1, 2, 0);
        assertThat(s.factor(59)).isEqualTo(1.0);
        assertThat(s.factor(60)).isCloseTo(0.1, within(1e-15));
        assertThat(s.factor(85)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> Schedules.create("linear", 10, 0, null, 0.1, 2, 0)).hasMessageContaining("unknown learning-rate schedule 'linear'");
        assertThatThrownBy(() -> Schedules.create("cosine", 10, 10, null, 0.1, 2, 0)).hasMessageContaining("warm-up steps must be in [0, 10)");
        assertThat(Schedules.create("constant", 10, 0, null, 0.1, 2, 0).factor(9)).isEqualTo(1.0);
    }
}
