package io.polyface.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The part of a search that strategies talk to: turns a point into a {@link Candidate} with its exact cost,
 * rejects invalid points (the family builder and shape inference refuse them) and points that break a
 * constraint (deterministic constraints first, then measured ones), scores the rest with the objective,
 * records the evaluation and writes it to the candidate log. Not thread-safe.
 */
public final class Evaluator {

    private final SearchSpace space;
    private final CostModel costs;
    private final List<Constraint> constraints;
    private final Objective objective;
    private final SearchContext context;
    private final CandidateLog log;
    private final Consumer<String> progress;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private long checked;
    private long invalid;
    private long infeasible;
    private final long[] rejectedBy;
    private Candidate lastRejected;
    private Constraint lastRejectedBy;
    private String lastInvalid;

    Evaluator(SearchContext context, CostModel costs, List<Constraint> constraints, Objective objective, CandidateLog log,
              Consumer<String> progress) {
        this.space = context.space();
        this.costs = costs;
        List<Constraint> ordered = new ArrayList<>();
        constraints.stream().filter(Constraint::deterministic).forEach(ordered::add);
        constraints.stream().filter(c -> !c.deterministic()).forEach(ordered::add);
        this.constraints = List.copyOf(ordered);
        this.rejectedBy = new long[this.constraints.size()];
        this.objective = objective;
        this.context = context;
        this.log = log;
        this.progress = progress;
    }

    /** @return the space searched */
    public SearchSpace space() {
        return space;
    }

    /**
     * Checks a point.
     *
     * @param index a point
     * @return the candidate if the point is valid and meets every constraint; empty otherwise (counted)
     */
    public Optional<Candidate> admit(int[] index) {
        checked++;
        CandidateCost cost;
        try {
            cost = costs.cost(index);
        } catch (IllegalArgumentException e) {
            invalid++;
            lastInvalid = "invalid point " + space.values(index) + ": " + e.getMessage();
            lastRejected = null;
            return Optional.empty();
        }
        Candidate c = new Candidate(space, toList(index), cost);
        for (int k = 0; k < constraints.size(); k++) {
            Constraint constraint = constraints.get(k);
            if (!constraint.admits(c)) {
                infeasible++;
                rejectedBy[k]++;
                lastRejected = c;
                lastRejectedBy = constraint;
                return Optional.empty();
            }
        }
        return Optional.of(c);
    }

    /**
     * Checks a point and, if admitted, scores and records it.
     *
     * @param index a point
     * @param generation 0, or the evolution cycle proposing it
     * @return the evaluation, or empty if the point was rejected
     */
    public Optional<Evaluation> evaluate(int[] index, int generation) {
        return admit(index).map(c -> score(c, generation));
    }

    /**
     * Scores an admitted candidate and records it (once per call: strategies avoid re-scoring a point).
     *
     * @param candidate a candidate returned by {@link #admit}
     * @param generation 0, or the evolution cycle proposing it
     * @return the evaluation
     * @throws IllegalStateException if the objective returns NaN
     */
    public Evaluation score(Candidate candidate, int generation) {
        double s = objective.score(candidate, context);
        if (Double.isNaN(s)) {
            throw new IllegalStateException("objective " + objective.id() + " returned NaN for " + candidate.values());
        }
        Evaluation e = new Evaluation(evaluations.size(), generation, candidate, s);
        evaluations.add(e);
        if (log != null) {
            try {
                log.write(e, context.budget().convention(), objective.id(), "search");
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write the candidate log: " + ex.getMessage(), ex);
            }
        }
        if (progress != null && objective.expensive()) {
            progress.accept(String.format(Locale.ROOT, "evaluated %d: %s -> %s %.6g", e.order() + 1, candidate.values(),
                    objective.id(), s));
        }
        return e;
    }

    /**
     * Makes a point feasible by moving it towards cheaper settings: while it is rejected, one randomly chosen
     * ordered dimension (repeat or ordinal, whose smaller values never cost more) that is not at its smallest
     * value steps down by one. Categorical settings are kept.
     *
     * @param index a point (not modified)
     * @param random the search's random source
     * @return an admitted candidate, or empty if the point reached the bottom of every ordered dimension and is
     *     still rejected
     */
    public Optional<Candidate> repair(int[] index, SplittableRandom random) {
        int[] p = index.clone();
        while (true) {
            Optional<Candidate> c = admit(p);
            if (c.isPresent()) {
                return c;
            }
            List<Integer> movable = new ArrayList<>();
            for (int d = 0; d < p.length; d++) {
                if (space.dimensions().get(d).kind() != Dimension.Kind.CATEGORICAL && p[d] > 0) {
                    movable.add(d);
                }
            }
            if (movable.isEmpty()) {
                return Optional.empty();
            }
            p[movable.get(random.nextInt(movable.size()))]--;
        }
    }

    /** @return every evaluation so far, in order (unmodifiable view) */
    public List<Evaluation> evaluations() {
        return Collections.unmodifiableList(evaluations);
    }

    /** @return points checked (admitted or not) */
    public long checked() {
        return checked;
    }

    /** @return points rejected as invalid */
    public long invalid() {
        return invalid;
    }

    /** @return valid points rejected by a constraint */
    public long infeasible() {
        return infeasible;
    }

    /**
     * @return how many valid points each constraint rejected (a point counts for the first constraint it breaks;
     *     deterministic constraints are checked first), by {@link Constraint#describe()}, in checking order
     */
    public Map<String, Long> rejectionsByConstraint() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int k = 0; k < constraints.size(); k++) {
            m.merge(constraints.get(k).describe(), rejectedBy[k], Long::sum);
        }
        return m;
    }

    /** @return the reason of the latest rejection, or {@code null} if nothing was rejected */
    public String lastRejection() {
        if (lastRejected != null) {
            return lastRejected.values() + ": " + lastRejectedBy.explain(lastRejected);
        }
        return lastInvalid;
    }

    /** @return the indices as a list (candidates and results keep them so) */
    static List<Integer> toList(int[] index) {
        List<Integer> l = new ArrayList<>(index.length);
        for (int i : index) {
            l.add(i);
        }
        return l;
    }
}
