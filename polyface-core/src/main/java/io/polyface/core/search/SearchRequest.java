package io.polyface.core.search;

import io.polyface.core.arch.ArchSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One architecture search as data: what {@code polyface search} asks for, with the rules that turn it into a {@link Search}
 * (objective and re-ranking choice, strategy and evaluation counts, the default name) and into a {@link SearchReport}.
 *
 * <p>Objectives: {@code prior} ({@link CompoundScalingPrior}), {@code zero-cost} ({@link NaswotObjective} on
 * {@code images}) and {@code trained}, which is the prior re-ranked in its top {@code rerank} (default 3) by a trained
 * proxy that the caller supplies ({@code io.polyface.train.search.TrainedProxyObjective}: it needs the training module).
 * Re-ranking objectives: {@code zero-cost} and {@code trained}.
 *
 * @param space the search space
 * @param budget the FLOPs budget per image (its convention is the report's)
 * @param objective {@code prior}, {@code zero-cost} or {@code trained}
 * @param rerank how many of the best candidates are re-ranked, {@code >= 1}; {@code null}: none, or 3 with {@code trained}
 * @param rerankObjective {@code zero-cost} or {@code trained}; {@code null}: {@code trained} with objective {@code trained},
 *     else {@code zero-cost}
 * @param strategy {@code auto} (exhaustive for the prior over up to {@link Search#AUTO_EXHAUSTIVE_LIMIT} points, else
 *     evolution), {@code exhaustive} or {@code evolution}
 * @param evaluations evolution: distinct candidates scored; {@code null}: 100 for an expensive objective, else 5000
 * @param population evolution: population (capped at {@code evaluations})
 * @param sample evolution: tournament sample (capped at the population)
 * @param seed the search's seed
 * @param constraints constraints beside the budget (parameters, model size, latency)
 * @param name the best architecture's name; {@code null}: {@code search-SPACE-BUDGETg} ({@link #resultName()})
 * @param log a JSON Lines file of every evaluated candidate, or {@code null}
 * @param images face images of the zero-cost objective (resized to 112x112), or {@code null} when it is not used
 * @param zeroCostBatchSize zero-cost objective: images per batch
 * @param zeroCostBatches zero-cost objective: batches averaged
 * @param rankOf an architecture (a point of the space) whose rank the report gives, or {@code null}
 */
public record SearchRequest(SearchSpace space, FlopsBudget budget, String objective, Integer rerank, String rerankObjective,
                            String strategy, Integer evaluations, int population, int sample, long seed,
                            List<Constraint> constraints, String name, Path log, Path images, int zeroCostBatchSize,
                            int zeroCostBatches, ArchSpec rankOf) {

    /** Re-ranked candidates of objective {@code trained} unless {@code rerank} says otherwise. */
    public static final int DEFAULT_TRAINED_RERANK = 3;
    /** Evolution's evaluations for an expensive objective (zero-cost, trained). */
    public static final int DEFAULT_EXPENSIVE_EVALUATIONS = 100;
    /** Evolution's evaluations for a cheap objective (the prior). */
    public static final int DEFAULT_CHEAP_EVALUATIONS = 5000;

    /**
     * Validates and normalises (re-ranking defaults resolved).
     *
     * @throws IllegalArgumentException naming the setting (as the command line spells it) when the combination is invalid
     */
    public SearchRequest {
        require(space != null, "space is required");
        require(budget != null, "budget is required");
        require(List.of("prior", "zero-cost", "trained").contains(objective),
                "unknown objective '" + objective + "'; expected prior, zero-cost or trained");
        require(List.of("auto", "exhaustive", "evolution").contains(strategy),
                "unknown strategy '" + strategy + "'; expected auto, exhaustive or evolution");
        boolean trained = objective.equals("trained");
        String rerankId = rerankObjective != null ? rerankObjective : trained ? "trained" : "zero-cost";
        require(!trained || rerankId.equals("trained"), "--objective trained re-ranks with the trained proxy; for a " + rerankId
                + " re-ranking use --objective prior");
        if (trained && rerank == null) {
            rerank = DEFAULT_TRAINED_RERANK;
        }
        require(rerank != null || rerankObjective == null, "--rerank-objective " + rerankObjective + " needs --rerank K");
        require(rerank == null || rerank >= 1, "--rerank must be >= 1, got " + rerank);
        require(rerank == null || List.of("zero-cost", "trained").contains(rerankId),
                "unknown --rerank-objective '" + rerankId + "'; expected zero-cost or trained");
        rerankObjective = rerank == null ? null : rerankId;
        constraints = List.copyOf(constraints);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return a builder (strategy auto, population 64, sample 16, seed 0, zero-cost batches 2 of 32) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the objective the search maximises: {@code prior} for {@code trained}, else {@link #objective()} */
    public String searchObjective() {
        return objective.equals("trained") ? "prior" : objective;
    }

    /** @return whether the re-ranking needs the trained proxy (which the caller must supply to {@link #run}) */
    public boolean needsTrainedProxy() {
        return "trained".equals(rerankObjective);
    }

    /** @return whether the search or its re-ranking uses the zero-cost objective (which reads {@link #images()}) */
    public boolean usesZeroCost() {
        return searchObjective().equals("zero-cost") || "zero-cost".equals(rerankObjective);
    }

    /** @return {@link #name()}, or {@code search-SPACE-BUDGETg} with the space name made file-safe */
    public String resultName() {
        return name != null ? name : "search-" + space.name().replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("-+$", "")
                + "-" + budget.gflopsText() + "g";
    }

    /**
     * @param main the objective the search maximises
     * @return the strategy: exhaustive when asked or when {@code auto} picks it, else regularized evolution with
     *     {@link #evaluations()} (default by {@link Objective#expensive()}), the population and sample capped
     */
    public Strategy strategy(Objective main) {
        if (strategy.equals("exhaustive")) {
            return new Exhaustive(Exhaustive.DEFAULT_MAX_POINTS);
        }
        if (strategy.equals("auto")) {
            Strategy auto = Search.autoStrategy(space, main);
            if (auto instanceof Exhaustive) {
                return auto;
            }
        }
        int evals = evaluations != null ? evaluations : main.expensive() ? DEFAULT_EXPENSIVE_EVALUATIONS : DEFAULT_CHEAP_EVALUATIONS;
        int p = Math.min(population, evals);
        return new RegularizedEvolution(p, Math.min(sample, p), evals);
    }

    /**
     * @param id {@code prior} or {@code zero-cost}
     * @return the objective (zero-cost reads {@link #images()})
     * @throws IOException if the images cannot be read
     * @throws IllegalArgumentException if {@code id} is unknown, or the images are missing or fewer than a batch
     */
    public Objective objective(String id) throws IOException {
        switch (id) {
            case "prior":
                return CompoundScalingPrior.builder().build();
            case "zero-cost":
                require(images != null, "the zero-cost objective needs --images DIR");
                ImageBatchSource source = ImageBatchSource.fromFolder(images, 112,
                        Math.max(zeroCostBatchSize * zeroCostBatches, zeroCostBatchSize));
                require(source.imageCount() >= zeroCostBatchSize, "--images " + images + " holds " + source.imageCount()
                        + " images, fewer than --batch-size " + zeroCostBatchSize);
                return NaswotObjective.builder().setImages(source).optBatchSize(zeroCostBatchSize).optBatches(zeroCostBatches).build();
            default:
                throw new IllegalArgumentException("unknown objective '" + id + "'; expected prior or zero-cost");
        }
    }

    /**
     * Runs a search that needs no trained proxy.
     *
     * @param progress receives progress lines
     * @return the report
     * @throws IOException if images or the log cannot be read or written
     * @throws IllegalStateException if the request re-ranks with the trained proxy ({@link #needsTrainedProxy()})
     */
    public SearchReport run(Consumer<String> progress) throws IOException {
        if (needsTrainedProxy()) {
            throw new IllegalStateException("this search re-ranks with the trained proxy: pass it to run(trainedProxy, details, progress)");
        }
        return run(null, null, progress);
    }

    /**
     * Runs the search and builds its report.
     *
     * @param trainedProxy the re-ranking objective when {@link #needsTrainedProxy()}, else ignored
     * @param details its per-candidate measurements for the report, or {@code null}
     * @param progress receives progress lines
     * @return the report
     * @throws IOException if images or the log cannot be read or written
     * @throws IllegalArgumentException if {@link #rankOf()} is not a point of the space, or no candidate meets the constraints
     */
    public SearchReport run(Objective trainedProxy, RerankDetails details, Consumer<String> progress) throws IOException {
        if (needsTrainedProxy() && trainedProxy == null) {
            throw new IllegalArgumentException("this search re-ranks with the trained proxy; none was given");
        }
        Objective main = objective(searchObjective());
        Search.Builder b = Search.builder().setSpace(space).setBudget(budget).optObjective(main).optSeed(seed).optProgress(progress)
                .optStrategy(strategy(main));
        constraints.forEach(b::optConstraint);
        if (rerank != null) {
            b.optRerank(needsTrainedProxy() ? trainedProxy : objective(rerankObjective), rerank);
        }
        if (log != null) {
            b.optLog(log);
        }
        SearchResult result = b.build().run();
        Evaluation rankedEval = null;
        int rank = 0;
        if (rankOf != null) {
            Map<String, Object> point = space.family().pointOf(rankOf);
            rankedEval = result.evaluationOf(point);
            rank = result.rank(point);
        }
        return new SearchReport(result, result.bestSpec(resultName()), budget.convention(), rankOf, rankedEval, rank,
                needsTrainedProxy() ? details : null);
    }

    /** DJL-style builder of a {@link SearchRequest}: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private SearchSpace space;
        private FlopsBudget budget;
        private String objective = "prior";
        private Integer rerank;
        private String rerankObjective;
        private String strategy = "auto";
        private Integer evaluations;
        private int population = 64;
        private int sample = 16;
        private long seed;
        private final List<Constraint> constraints = new ArrayList<>();
        private String name;
        private Path log;
        private Path images;
        private int zeroCostBatchSize = 32;
        private int zeroCostBatches = 2;
        private ArchSpec rankOf;

        private Builder() {}

        /** @param space the search space; @return this */
        public Builder setSpace(SearchSpace space) {
            this.space = space;
            return this;
        }

        /** @param budget the FLOPs budget per image; @return this */
        public Builder setBudget(FlopsBudget budget) {
            this.budget = budget;
            return this;
        }

        /** @param objective {@code prior} (default), {@code zero-cost} or {@code trained}; @return this */
        public Builder optObjective(String objective) {
            this.objective = objective;
            return this;
        }

        /**
         * @param topK candidates re-ranked ({@code null}: none, or 3 with objective {@code trained})
         * @param objective {@code zero-cost}, {@code trained} or {@code null} (the default for the objective)
         * @return this
         */
        public Builder optRerank(Integer topK, String objective) {
            this.rerank = topK;
            this.rerankObjective = objective;
            return this;
        }

        /** @param strategy {@code auto} (default), {@code exhaustive} or {@code evolution}; @return this */
        public Builder optStrategy(String strategy) {
            this.strategy = strategy;
            return this;
        }

        /**
         * @param evaluations evolution's distinct candidates ({@code null}: by the objective's cost)
         * @param population evolution's population (default 64)
         * @param sample evolution's tournament sample (default 16)
         * @return this
         */
        public Builder optEvolution(Integer evaluations, int population, int sample) {
            this.evaluations = evaluations;
            this.population = population;
            this.sample = sample;
            return this;
        }

        /** @param seed the search's seed (default 0); @return this */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param constraint a constraint beside the budget; @return this */
        public Builder optConstraint(Constraint constraint) {
            this.constraints.add(constraint);
            return this;
        }

        /** @param name the best architecture's name ({@code null}: the default); @return this */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** @param log JSON Lines file of every evaluated candidate; @return this */
        public Builder optLog(Path log) {
            this.log = log;
            return this;
        }

        /**
         * @param images folder of face images for the zero-cost objective
         * @param batchSize images per batch (default 32)
         * @param batches batches averaged (default 2)
         * @return this
         */
        public Builder optZeroCostImages(Path images, int batchSize, int batches) {
            this.images = images;
            this.zeroCostBatchSize = batchSize;
            this.zeroCostBatches = batches;
            return this;
        }

        /** @param rankOf an architecture whose rank the report gives; @return this */
        public Builder optRankOf(ArchSpec rankOf) {
            this.rankOf = rankOf;
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException naming the setting when it is missing or invalid
         */
        public SearchRequest build() {
            return new SearchRequest(space, budget, objective, rerank, rerankObjective, strategy, evaluations, population, sample,
                    seed, constraints, name, log, images, zeroCostBatchSize, zeroCostBatches, rankOf);
        }
    }
}
