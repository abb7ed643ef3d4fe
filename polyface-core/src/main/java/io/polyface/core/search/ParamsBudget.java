package io.polyface.core.search;

import io.polyface.core.util.OrderedMaps;

import java.util.Locale;
import java.util.Map;

/**
 * Trainable parameters ≤ a bound (conv/FC weights and biases, BN affine, PReLU slopes).
 *
 * @param maxParams the bound, &gt; 0
 */
public record ParamsBudget(long maxParams) implements Constraint {

    /** Validates. */
    public ParamsBudget {
        if (maxParams <= 0) {
            throw new IllegalArgumentException("parameter budget must be > 0, got " + maxParams);
        }
    }

    @Override
    public boolean admits(Candidate candidate) {
        return candidate.cost().params() <= maxParams;
    }

    @Override
    public String explain(Candidate candidate) {
        return String.format(Locale.ROOT, "params %,d > %,d", candidate.cost().params(), maxParams);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "params <= %,d", maxParams);
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("type", "params", "max", maxParams);
    }
}
