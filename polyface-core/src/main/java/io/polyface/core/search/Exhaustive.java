package io.polyface.core.search;

import io.polyface.core.util.Checks;
import io.polyface.core.util.OrderedMaps;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Evaluates every point of the space, in mixed-radix order (the last dimension varies fastest). Uses no
 * randomness. Meant for spaces of up to a few million points and a cheap objective: costs come from
 * {@link CostModel}, so a point that breaks a constraint costs microseconds.
 *
 * @param maxPoints refuse spaces with more points than this
 */
public record Exhaustive(long maxPoints) implements Strategy {

    /** The default limit, 5,000,000 points. */
    public static final long DEFAULT_MAX_POINTS = 5_000_000L;

    /** Validates. */
    public Exhaustive {
        Checks.requireAtLeast("exhaustive search limit", maxPoints, 1);
    }

    /** @return exhaustive search with the default limit */
    public static Exhaustive withDefaultLimit() {
        return new Exhaustive(DEFAULT_MAX_POINTS);
    }

    @Override
    public String id() {
        return "exhaustive";
    }

    @Override
    public void run(Evaluator evaluator, SplittableRandom random) {
        SearchSpace space = evaluator.space();
        long size = space.size();
        if (size > maxPoints) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "search space '%s' has %,d points, more than the exhaustive limit %,d; use the evolution strategy",
                    space.name(), size, maxPoints));
        }
        int[] index = new int[space.dimensions().size()];
        for (long p = 0; p < size; p++) {
            evaluator.evaluate(index, 0);
            for (int d = index.length - 1; d >= 0; d--) {
                if (++index[d] < space.dimensions().get(d).size()) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("id", id());
    }
}
