package io.polyface.core.search;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a search walks its space: it proposes points to an {@link Evaluator}, which applies the constraints and
 * the objective and records what was evaluated. Implementations: {@link Exhaustive} (every point, for small
 * spaces and cheap objectives), {@link RegularizedEvolution}. Deterministic for the random source's seed as
 * long as the constraints and the objective are.
 */
public interface Strategy {

    /** @return a short name, e.g. {@code exhaustive}, {@code evolution} */
    String id();

    /**
     * Runs the search.
     *
     * @param evaluator applies constraints and objective, records evaluations
     * @param random the search's random source (seeded from the search's seed)
     * @throws IllegalArgumentException if the strategy cannot search this space (too large, nothing feasible)
     */
    void run(Evaluator evaluator, SplittableRandom random);

    /** @return the strategy's settings for provenance (JSON-compatible), including {@code "id"} */
    Map<String, Object> provenance();
}
