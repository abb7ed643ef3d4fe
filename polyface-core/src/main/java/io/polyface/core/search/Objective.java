package io.polyface.core.search;

import java.util.Map;

/**
 * What a search maximises. Implementations: {@link CompoundScalingPrior} (cheap, from settings and FLOPs),
 * {@link NaswotObjective} (a zero-cost proxy: one forward pass of the untrained network on real faces).
 *
 * <p>The trained proxy (short training of the top-k candidates on a proxy dataset, ranked by held-out TAR@FAR)
 * is {@code io.polyface.train.search.TrainedProxyObjective} in {@code polyface-train}, which has the training
 * harness: it implements this interface ({@link #expensive()} true) and is plugged in with
 * {@link Search.Builder#optRerank(Objective, int)}, which re-scores only the k best candidates of the cheap
 * objective.
 */
public interface Objective {

    /** @return a short name for logs and provenance, e.g. {@code prior}, {@code naswot} */
    String id();

    /**
     * Scores a candidate that meets every constraint.
     *
     * @param candidate the candidate
     * @param context the search
     * @return the score, higher is better; {@code Double.NEGATIVE_INFINITY} for "worst possible"; never NaN
     */
    double score(Candidate candidate, SearchContext context);

    /**
     * @return whether a score builds or runs a network (seconds per candidate rather than microseconds); an
     *     automatic strategy does not enumerate large spaces with an expensive objective
     */
    boolean expensive();

    /** @return the objective's settings for provenance (JSON-compatible), including {@code "id"} */
    Map<String, Object> provenance();
}
