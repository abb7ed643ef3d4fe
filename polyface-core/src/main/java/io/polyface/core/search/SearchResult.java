package io.polyface.core.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.util.OrderedMaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Search} found.
 *
 * @param context the space, FLOPs budget and seed
 * @param constraints every constraint applied (the FLOPs budget first)
 * @param objective the search objective
 * @param strategy the strategy that ran
 * @param evaluated every evaluated candidate, in evaluation order
 * @param front the Pareto front over (FLOPs under the budget's convention, objective), by increasing FLOPs
 * @param best the winner: the best by the objective, or by the re-ranking objective when there is one
 * @param rerank the re-ranking stage, or {@code null}
 * @param checked points checked
 * @param invalid points rejected as invalid
 * @param infeasible valid points rejected by a constraint
 */
public record SearchResult(SearchContext context, List<Constraint> constraints, Objective objective, Strategy strategy,
                           List<Evaluation> evaluated, List<Evaluation> front, Evaluation best, Rerank rerank,
                           long checked, long invalid, long infeasible) {

    /**
     * The re-ranking stage: the top-k candidates of the search objective scored again by a second objective.
     *
     * @param objective the second objective
     * @param topK k
     * @param candidates the re-scored candidates, in the search objective's order
     */
    public record Rerank(Objective objective, int topK, List<Reranked> candidates) {
        /** Copies the list. */
        public Rerank {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * @param evaluation the candidate's evaluation by the search objective
     * @param score its score by the re-ranking objective
     */
    public record Reranked(Evaluation evaluation, double score) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the lists. */
    public SearchResult {
        constraints = List.copyOf(constraints);
        evaluated = List.copyOf(evaluated);
        front = List.copyOf(front);
    }

    /**
     * The search's provenance, recorded in the winning spec's settings under {@code "search"}.
     *
     * @return {@code space, family, budget, constraints, objective, strategy, seed, evaluated} and, with re-ranking,
     *     {@code rerank}; in the form a JSON round trip gives (integers that fit an {@code int} are {@code Integer}),
     *     so a spec carrying it equals its own JSON round trip
     */
    public Map<String, Object> provenance() {
        Map<String, Object> m = OrderedMaps.of("space", context.space().name(), "family", context.space().family().id(),
                "budget", context.budget().provenance());
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Constraint c : constraints) {
            cs.add(c.provenance());
        }
        m.put("constraints", cs);
        m.put("objective", objective.provenance());
        m.put("strategy", strategy.provenance());
        m.put("seed", context.seed());
        m.put("evaluated", evaluated.size());
        if (rerank != null) {
            Map<String, Object> r = new LinkedHashMap<>(rerank.objective().provenance());
            r.put("top_k", rerank.topK());
            m.put("rerank", r);
        }
        try {
            return JSON.readValue(JSON.writeValueAsString(m), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance is not JSON-compatible: " + e.getMessage(), e);
        }
    }

    /**
     * The winner's spec, its settings extended with {@code "search": provenance()}; pass its JSON
     * ({@link io.polyface.core.arch.ArchSpecJson}) to {@code --arch}.
     *
     * @param name the spec's name
     * @return the spec
     */
    public ArchSpec bestSpec(String name) {
        ArchSpec s = best.candidate().spec(name);
        Map<String, Object> settings = new LinkedHashMap<>(s.settings());
        settings.put("search", provenance());
        return new ArchSpec(s.name(), s.input(), s.channelOrder(), s.mean(), s.std(), s.root(), s.embeddingLayer(), settings);
    }

    /**
     * @param values a point's settings
     * @return its evaluation
     * @throws IllegalArgumentException if the point is not in the space or was not evaluated (rejected or never
     *     visited)
     */
    public Evaluation evaluationOf(Map<String, ?> values) {
        List<Integer> index = Evaluator.toList(context.space().indexOf(values));
        for (Evaluation e : evaluated) {
            if (e.candidate().index().equals(index)) {
                return e;
            }
        }
        throw new IllegalArgumentException("point " + values + " was not evaluated by this search (rejected or never visited)");
    }

    /**
     * The rank of an evaluated point by the search objective: 1 + the number of evaluations that beat it
     * (higher score, or equal score and evaluated earlier).
     *
     * @param values the point's settings
     * @return its rank, 1 = best
     * @throws IllegalArgumentException if the point is not in the space or was not evaluated
     */
    public int rank(Map<String, ?> values) {
        Evaluation self = evaluationOf(values);
        int rank = 1;
        for (Evaluation e : evaluated) {
            if (e.beats(self)) {
                rank++;
            }
        }
        return rank;
    }
}
