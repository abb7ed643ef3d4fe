package io.polyface.core.search;

import java.util.Map;

/**
 * A hard bound a candidate must meet to be evaluated. Implementations: {@link FlopsBudget} (required by every
 * search), {@link ParamsBudget}, {@link ModelSizeBudget}, {@link LatencyBudget}.
 */
public interface Constraint {

    /**
     * @param candidate a candidate
     * @return whether it meets the bound
     */
    boolean admits(Candidate candidate);

    /**
     * @param candidate a candidate that the bound rejects
     * @return why, e.g. {@code lfr FLOPs 1,234,567,890 > budget 1,000,000,000}
     */
    String explain(Candidate candidate);

    /** @return e.g. {@code lfr FLOPs <= 1,000,000,000} */
    String describe();

    /**
     * @return whether the verdict depends only on the candidate (true for FLOPs, parameters and size; false for a
     *     measured latency, which varies between runs and hosts)
     */
    default boolean deterministic() {
        return true;
    }

    /** @return JSON-compatible settings for provenance, e.g. {@code {"type": "flops", "convention": "lfr", "max": 1e9}} */
    Map<String, Object> provenance();
}
