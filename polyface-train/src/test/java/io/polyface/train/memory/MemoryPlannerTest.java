package io.polyface.train.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryPlannerTest {

    @Test
    void ms1mCentresAre191MegabytesAsTheSpecSays() {
        // ../shared/spec/losses.md: 93,431 identities at d = 512 is 191 MB in float32
        ClassifierMemory m = ClassifierMemory.estimate(93_431, 512, 128, 1, true);
        assertThat(m.centreBytes()).isEqualTo(4L * 93_431 * 512).isEqualTo(191_346_688L);
        assertThat(m.gradientBytes()).isEqualTo(m.centreBytes());
        assertThat(m.momentumBytes()).isEqualTo(m.centreBytes());
        assertThat(m.logitBytes()).isEqualTo(4L * ClassifierMemory.LOGIT_ARRAYS * 128 * 93_431);
        assertThat(m.totalBytes()).isEqualTo(3 * 191_346_688L + 382_693_376L);
        assertThat(ClassifierMemory.estimate(93_431, 512, 128, 1, false).momentumBytes()).isZero();
        assertThat(m.breakdown()).contains("191.3 MB").contains("C=93,431");
    }

    @Test
    void partialFcScoresThePositivesAndAFractionOfTheNegatives() {
        assertThat(ClassifierMemory.scoredClasses(1000, 100, 0.1)).isEqualTo(100 + 90);
        assertThat(ClassifierMemory.scoredClasses(50, 100, 0.1)).isEqualTo(50); // all classes positive at most
        assertThat(ClassifierMemory.scoredClasses(1000, 100, 1)).isEqualTo(1000);
    }

    @Test
    void fitsAsRequestedOrRefusesOrSwitches() {
        ClassifierMemory full = ClassifierMemory.estimate(93_431, 512, 128, 1, true);
        MemoryPlan fits = MemoryPlanner.plan(93_431, 512, 128, 1, true, full.totalBytes(), false);
        assertThat(fits.partialFc()).isFalse();
        assertThatThrownBy(() -> MemoryPlanner.plan(93_431, 512, 128, 1, true, 700_000_000L, false))
                .isInstanceOf(MemoryBudgetExceededException.class)
                .hasMessageContaining("over the budget of 700.0 MB").hasMessageContaining("--partial-fc auto");
        MemoryPlan switched = MemoryPlanner.plan(93_431, 512, 128, 1, true, 700_000_000L, true);
        assertThat(switched.switchedToPartialFc()).isTrue();
        assertThat(switched.estimate().totalBytes()).isLessThanOrEqualTo(700_000_000L);
        // the largest rate that fits: one more negative class would not
        long perClass = 4L * ClassifierMemory.LOGIT_ARRAYS * 128;
        assertThat(switched.estimate().totalBytes() + perClass).isGreaterThan(700_000_000L);
        assertThatThrownBy(() -> MemoryPlanner.plan(93_431, 512, 128, 1, true, 500_000_000L, true))
                .hasMessageContaining("even Partial FC keeps the centres");
        assertThatThrownBy(() -> MemoryPlanner.plan(93_431, 512, 128, 1, true, 575_000_000L, true))
                .hasMessageContaining("sample rate below 0.01");
    }
}
