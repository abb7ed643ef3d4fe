package io.polyface.core.search;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The searched presets are what their recorded provenance reproduces: the search is re-run from the
 * settings stored in the preset and must return the same spec, provenance included.
 */
class SearchedPresetsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polyface-search-30g", "polyface-search-1g", "polyface-search-0.5g", "polyface-search-0.1g"})
    void rerunningTheRecordedSearchGivesThePreset(String name) {
        ArchSpec preset = Presets.get(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> search = (Map<String, Object>) preset.settings().get("search");
        @SuppressWarnings("unchecked")
        Map<String, Object> budget = (Map<String, Object>) search.get("budget");
        @SuppressWarnings("unchecked")
        Map<String, Object> objective = (Map<String, Object>) search.get("objective");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> constraints = (List<Map<String, Object>>) search.get("constraints");
        @SuppressWarnings("unchecked")
        Map<String, Object> strategy = (Map<String, Object>) search.get("strategy");
        assertThat(strategy.get("id")).isEqualTo("exhaustive");

        FlopsBudget flops = new FlopsBudget(Convention.parse((String) budget.get("convention")), ((Number) budget.get("max")).longValue());
        Search.Builder b = Search.builder().setSpace(SearchSpaces.get((String) search.get("space"))).setBudget(flops)
                .optStrategy(Exhaustive.withDefaultLimit()).optSeed(((Number) search.get("seed")).longValue())
                .optObjective(CompoundScalingPrior.builder()
                        .optExponents((Double) objective.get("alpha"), (Double) objective.get("beta"), (Double) objective.get("gamma"))
                        .optImbalanceWeight((Double) objective.get("imbalance_weight")).build());
        for (Map<String, Object> c : constraints.subList(1, constraints.size())) {
            assertThat(c.get("type")).isEqualTo("model_size");
            b.optConstraint(new ModelSizeBudget(((Number) c.get("max_bytes_exclusive")).longValue()));
        }
        SearchResult r = b.build().run();
        assertThat(ArchSpecJson.toJson(r.bestSpec(name))).isEqualTo(ArchSpecJson.toJson(preset));

        CostReport cost = FlopsCounter.count(preset);
        assertThat(cost.flops(flops.convention())).isLessThanOrEqualTo(flops.maxFlops()).isGreaterThan(flops.maxFlops() * 9 / 10);
    }

    @Test
    void tracksAndTheCpuDefault() {
        CandidateCost light = CandidateCost.of(FlopsCounter.count(Presets.get("polyface-search-1g")));
        assertThat(light.lfrFlops()).isLessThanOrEqualTo(1_000_000_000L);
        assertThat(light.modelBytes()).isLessThan(20_000_000L);
        assertThat(Presets.get("polyface-search-1g").embeddingSize()).isLessThanOrEqualTo(512);
        CandidateCost cpu = CandidateCost.of(FlopsCounter.count(Presets.get("polyface-search-0.1g")));
        assertThat(cpu.lfrFlops()).isLessThanOrEqualTo(100_000_000L);
        assertThat(cpu.params()).isLessThan(FlopsCounter.count(Presets.get("mobilefacenet-tiny")).params());
        assertThat(FlopsCounter.count(Presets.get("polyface-search-30g")).flops(Convention.LFR)).isEqualTo(29_991_384_448L);
        assertThatThrownBy(() -> Presets.get("polyface-search-0.1g", ArchOverrides.NONE.withWidth(0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no overrides");
        assertThat(Presets.names()).contains("polyface-search-30g", "polyface-search-1g", "polyface-search-0.5g", "polyface-search-0.1g");
    }
}
