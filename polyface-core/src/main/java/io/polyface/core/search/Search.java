package io.polyface.core.search;

import io.polyface.core.flops.FlopsCounter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A FLOPs-constrained architecture search: a {@link SearchSpace}, a {@link FlopsBudget} plus optional further
 * {@link Constraint}s, an {@link Objective} (default {@link CompoundScalingPrior}), a {@link Strategy}
 * (default: {@link Exhaustive} for a cheap objective over at most 2,000,000 points, else
 * {@link RegularizedEvolution} with population 64, sample 16 and 5,000 evaluations, or 100 for an expensive
 * objective) and a seed. Optionally the top-k candidates are re-scored by a second, expensive objective
 * ({@link Builder#optRerank}); every evaluated candidate can be logged as JSON Lines ({@link CandidateLog}).
 *
 * <pre>{@code
 * SearchResult r = Search.builder()
 *         .setSpace(SearchSpaces.polyfacePaper())
 *         .setBudget(FlopsBudget.parse("30G", Convention.LFR))
 *         .build().run();
 * ArchSpec best = r.bestSpec("polyface-search-30g");
 * }</pre>
 *
 * <p>Deterministic for a seed when every constraint and the objective are (FLOPs, parameters, size and the
 * prior are). Every reported candidate (the winner, the front, the re-ranked ones) is recounted by
 * {@link FlopsCounter} from its built spec before the result is returned; a difference from the cost model
 * is an {@link IllegalStateException}.
 */
public final class Search {

    /** Spaces up to this size are enumerated by default when the objective is cheap. */
    public static final long AUTO_EXHAUSTIVE_LIMIT = 2_000_000L;

    private final Settings b;

    /** The builder's settings, copied at {@link Builder#build()}. */
    private record Settings(SearchSpace space, FlopsBudget budget, List<Constraint> constraints, Objective objective,
                            Strategy strategy, long seed, Path log, Objective rerank, int rerankTopK, Consumer<String> progress) {}

    private Search(Builder b) {
        this.b = new Settings(b.space, b.budget, List.copyOf(b.constraints), b.objective, b.strategy, b.seed, b.log, b.rerank,
                b.rerankTopK, b.progress);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default strategy for a space and an objective.
     *
     * @param space the space
     * @param objective the objective
     * @return exhaustive for a cheap objective over at most {@link #AUTO_EXHAUSTIVE_LIMIT} points, else evolution
     */
    public static Strategy autoStrategy(SearchSpace space, Objective objective) {
        if (!objective.expensive() && space.size() <= AUTO_EXHAUSTIVE_LIMIT) {
            return new Exhaustive(AUTO_EXHAUSTIVE_LIMIT);
        }
        return new RegularizedEvolution(64, 16, objective.expensive() ? 100 : 5000);
    }

    /**
     * Runs the search.
     *
     * @return the result
     * @throws IllegalArgumentException if no candidate meets the constraints, or the strategy cannot search the space
     * @throws UncheckedIOException if the candidate log cannot be written
     * @throws IllegalStateException if a reported candidate's recount differs from the cost model
     */
    public SearchResult run() {
        SearchContext context = new SearchContext(b.space, b.budget, b.seed);
        List<Constraint> constraints = new ArrayList<>();
        constraints.add(b.budget);
        constraints.addAll(b.constraints);
        Strategy strategy = b.strategy != null ? b.strategy : autoStrategy(b.space, b.objective);
        CandidateLog log = null;
        try {
            if (b.log != null) {
                log = CandidateLog.open(b.log);
            }
            Evaluator evaluator = new Evaluator(context, new CostModel(b.space), constraints, b.objective, log, b.progress);
            strategy.run(evaluator, new SplittableRandom(b.seed));
            List<Evaluation> evaluated = evaluator.evaluations();
            if (evaluated.isEmpty()) {
                List<String> counts = new ArrayList<>();
                evaluator.rejectionsByConstraint().forEach((c, n) -> counts.add(String.format(Locale.ROOT, "%,d by %s", n, c)));
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "no candidate of search space '%s' meets %s (%,d points checked, %,d invalid; rejected %s; last: %s)",
                        b.space.name(), describe(constraints), evaluator.checked(), evaluator.invalid(), String.join(", ", counts),
                        evaluator.lastRejection()));
            }
            Evaluation best = evaluated.get(0);
            for (Evaluation e : evaluated) {
                if (e.beats(best)) {
                    best = e;
                }
            }
            List<Evaluation> front = ParetoFront.of(evaluated, b.budget.convention());
            SearchResult.Rerank rerank = null;
            if (b.rerank != null) {
                rerank = rerank(context, evaluated, log);
                best = rerank.candidates().stream().max(Comparator.comparingDouble(SearchResult.Reranked::score)
                        .thenComparing(r -> -r.evaluation().order())).orElseThrow().evaluation();
            }
            verify(best);
            front.forEach(Search::verify);
            if (rerank != null) {
                rerank.candidates().forEach(r -> verify(r.evaluation()));
            }
            SearchResult result = new SearchResult(context, constraints, b.objective, strategy, evaluated, front, best, rerank,
                    evaluator.checked(), evaluator.invalid(), evaluator.infeasible());
            if (log != null) {
                log.close();
            }
            return result;
        } catch (IOException e) {
            if (log != null) {
                log.abort();
            }
            throw new UncheckedIOException("candidate log " + b.log + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (log != null) {
                log.abort();
            }
            throw e;
        }
    }

    private SearchResult.Rerank rerank(SearchContext context, List<Evaluation> evaluated, CandidateLog log) throws IOException {
        List<Evaluation> top = new ArrayList<>(evaluated);
        top.sort((x, y) -> x.beats(y) ? -1 : y.beats(x) ? 1 : 0);
        List<SearchResult.Reranked> out = new ArrayList<>();
        for (Evaluation e : top.subList(0, Math.min(b.rerankTopK, top.size()))) {
            double s = b.rerank.score(e.candidate(), context);
            if (Double.isNaN(s)) {
                throw new IllegalStateException("re-ranking objective " + b.rerank.id() + " returned NaN for " + e.candidate().values());
            }
            out.add(new SearchResult.Reranked(e, s));
            if (log != null) {
                log.writeRerank(e, context.budget().convention(), b.objective.id(), b.rerank.id(), s);
            }
            if (b.progress != null) {
                b.progress.accept(String.format(Locale.ROOT, "re-ranked %d/%d: %s -> %s %.6g", out.size(),
                        Math.min(b.rerankTopK, top.size()), e.candidate().values(), b.rerank.id(), s));
            }
        }
        return new SearchResult.Rerank(b.rerank, b.rerankTopK, out);
    }

    private static void verify(Evaluation e) {
        CandidateCost recount = CandidateCost.of(FlopsCounter.count(e.candidate().spec()));
        if (!recount.equals(e.candidate().cost())) {
            throw new IllegalStateException("cost model " + e.candidate().cost() + " differs from the counter's " + recount + " for "
                    + e.candidate().values());
        }
    }

    private static String describe(List<Constraint> constraints) {
        return String.join(" and ", constraints.stream().map(Constraint::describe).toList());
    }

    /** Builder. */
    public static final class Builder {
        private SearchSpace space;
        private FlopsBudget budget;
        private final List<Constraint> constraints = new ArrayList<>();
        private Objective objective = CompoundScalingPrior.builder().build();
        private Strategy strategy;
        private long seed;
        private Path log;
        private Objective rerank;
        private int rerankTopK;
        private Consumer<String> progress;

        Builder() {}

        /**
         * @param space the space (required)
         * @return this
         */
        public Builder setSpace(SearchSpace space) {
            this.space = space;
            return this;
        }

        /**
         * @param budget the FLOPs budget (required)
         * @return this
         */
        public Builder setBudget(FlopsBudget budget) {
            this.budget = budget;
            return this;
        }

        /**
         * @param constraint a further constraint (parameters, model size, latency)
         * @return this
         */
        public Builder optConstraint(Constraint constraint) {
            if (constraint == null) {
                throw new IllegalArgumentException("constraint must not be null");
            }
            this.constraints.add(constraint);
            return this;
        }

        /**
         * @param objective what to maximise (default: {@link CompoundScalingPrior} with its defaults)
         * @return this
         */
        public Builder optObjective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /**
         * @param strategy how to walk the space (default: {@link Search#autoStrategy})
         * @return this
         */
        public Builder optStrategy(Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /**
         * @param seed the random seed (default 0)
         * @return this
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param file write every evaluated candidate there as JSON Lines (atomically, when the search ends)
         * @return this
         */
        public Builder optLog(Path file) {
            this.log = file;
            return this;
        }

        /**
         * Re-scores the k best candidates of the search objective with a second objective, whose best becomes the
         * winner: how an expensive objective (a zero-cost proxy on large networks, or a trained proxy) is applied
         * to a shortlist.
         *
         * @param objective the second objective
         * @param topK k ≥ 1
         * @return this
         */
        public Builder optRerank(Objective objective, int topK) {
            this.rerank = objective;
            this.rerankTopK = topK;
            return this;
        }

        /**
         * @param progress receives one line per expensive evaluation (for standard error); {@code null} for none
         * @return this
         */
        public Builder optProgress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /**
         * @return the search
         * @throws IllegalArgumentException without a space, a budget or an objective, or for a re-ranking k &lt; 1
         */
        public Search build() {
            if (space == null) {
                throw new IllegalArgumentException("Search.builder(): setSpace(space) is required");
            }
            if (budget == null) {
                throw new IllegalArgumentException("Search.builder(): setBudget(budget) is required");
            }
            if (objective == null) {
                throw new IllegalArgumentException("Search.builder(): the objective must not be null");
            }
            if (rerank != null && rerankTopK < 1) {
                throw new IllegalArgumentException("re-ranking needs top-k >= 1, got " + rerankTopK);
            }
            return new Search(this);
        }
    }
}
