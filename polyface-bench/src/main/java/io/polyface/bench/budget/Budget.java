package io.polyface.bench.budget;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code polyface-bench/budgets.json}: a preset's FLOPs budget under a named convention and,
 * optionally, a parameter-size and a latency budget.
 *
 * @param preset the preset name
 * @param include presets whose FLOPs count against the budget (e.g. backbone + quality net); {@code null} = the preset
 * @param track what the budget stands for (challenge track, reference figure)
 * @param convention FLOPs convention id ({@code lfr}, {@code macs}, {@code full})
 * @param flopsBudget upper bound on FLOPs per image, inclusive
 * @param maxParamBytes upper bound on float32 trainable-parameter bytes, or {@code null}
 * @param batch batch size of the latency budget, or {@code null}
 * @param latencyBudgetMs ONNX Runtime latency budget per batch in milliseconds (2 threads), or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Budget(@JsonProperty("preset") String preset,
                     @JsonProperty("include") List<String> include,
                     @JsonProperty("track") String track,
                     @JsonProperty("convention") String convention,
                     @JsonProperty("flops_budget") long flopsBudget,
                     @JsonProperty("max_param_bytes") Long maxParamBytes,
                     @JsonProperty("batch") Integer batch,
                     @JsonProperty("latency_budget_ms") Double latencyBudgetMs) {

    /** @return the presets whose FLOPs count against this budget */
    public List<String> counted() {
        return include == null ? List.of(preset) : include;
    }
}
