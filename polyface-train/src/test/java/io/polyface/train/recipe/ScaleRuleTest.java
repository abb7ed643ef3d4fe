package io.polyface.train.recipe;

import io.polyface.core.arch.preset.Presets;
import io.polyface.train.loop.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScaleRuleTest {

    @Test
    void adaCosFixedScaleIsSqrtTwoTimesLnOfClassesMinusOne() {
        // AdaCos (Zhang et al., CVPR 2019, Section 4.1): s = sqrt(2) * ln(C - 1); golden values computed independently
        assertThat(ScaleRule.adaCos(30)).isCloseTo(4.762075431289240, within(1e-12));      // sqrt(2) * ln 29
        assertThat(ScaleRule.adaCos(1000)).isCloseTo(9.767626279950, within(1e-9));        // sqrt(2) * ln 999
        assertThat(ScaleRule.adaCos(93431)).isCloseTo(16.185628643784, within(1e-9));      // MS1M-RetinaFace
        assertThat(ScaleRule.adaCos(2)).isEqualTo(ScaleRule.adaCos(3));                    // ln 1 = 0 would give s = 0
    }

    @Test
    void autoScaleIsAdaCosBelowTenThousandClassesAndThePapers64From() {
        assertThat(ScaleRule.forClasses(30)).isEqualTo(Math.sqrt(2) * Math.log(29));
        assertThat(ScaleRule.forClasses(30)).isCloseTo(4.762075431289, within(1e-9));
        assertThat(ScaleRule.forClasses(1000)).isCloseTo(9.767626279950, within(1e-9));
        assertThat(ScaleRule.forClasses(9_999)).isCloseTo(13.025105397121, within(1e-9));   // sqrt(2) * ln 9998
        assertThat(ScaleRule.forClasses(10_000)).isEqualTo(64);
        for (int large : List.of(10_575, 93_431, 180_855, 360_232, 2_000_000)) { // CASIA, MS1M-RetinaFace, DeepGlint, Glint360K
            assertThat(ScaleRule.forClasses(large)).as("C = " + large).isEqualTo(64);
        }
    }

    @Test
    void fewerThanTwoClassesAreRefused() {
        assertThatThrownBy(() -> ScaleRule.forClasses(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes must be >= 2").hasMessageContaining("got 1");
    }

    @Test
    void autoScaleResolvesFromTheClassCountAndExplicitScalesStay() {
        var spec = Presets.get("mobilefacenet-tiny");
        Recipe small = RecipeJson.shipped("small-data");
        assertThat(small.loss().scale().isAuto()).isTrue();
        TrainingConfig orl = small.toConfig(spec, 10, 30);
        assertThat(Double.parseDouble(orl.lossOptions().get("scale"))).isEqualTo(ScaleRule.forClasses(30));
        assertThat(small.toConfig(spec, 10, 93_431).lossOptions()).containsEntry("scale", "64.0");
        assertThat(small.toConfig(spec, 10).lossOptions()).doesNotContainKey("scale"); // unknown count: the loss's own (64)
        // the paper's recipes keep s = 64 whatever the class count
        for (String paper : List.of("paper-deepglint-30g", "paper-iqiyi-24g")) {
            Recipe p = RecipeJson.override(RecipeJson.shipped(paper), List.of(new RecipeJson.FieldOverride("test", "run.devices", "cpu")));
            assertThat(p.toConfig(spec, 200_000, 30).lossOptions()).as(paper).containsEntry("scale", "64.0");
        }
        assertThatThrownBy(() -> small.loss().lossOptions(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1");
    }
}
