package io.polyface.spark.eval;

import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.BracketPass;
import io.polyface.core.eval.PairCounts;
import io.polyface.core.eval.PairScoreSummary;
import io.polyface.core.eval.ThresholdSearch;
import io.polyface.core.eval.TiledCosineSimilarity;
import io.polyface.core.eval.VerificationResult;
import io.polyface.spark.session.SparkFailures;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Exact all-pairs verification (TAR@FAR) on Spark: the LFR image protocol of {@link AllPairsEvaluator}, with the tiles
 * of the upper triangle of the {@code N × N} score matrix scored by Spark tasks ({@link TilePlan}).
 *
 * <p>Each task scores its tiles with core's tiled scorer and keeps a {@link PairScoreSummary}: its genuine scores, its
 * {@code k + 1} largest impostor scores ({@code k = ⌊FAR_max · N_imp⌋}) and an impostor histogram — never a full score
 * list; the summaries are merged in a tree on the executors ({@code treeReduce}), the last merges on the driver.
 * TAR, threshold, achieved FAR, counts and the ROC curve are then those of {@link AllPairsEvaluator} with the same tile
 * edge, for any partitioning: each pair's score comes from the same matrix product, and the summaries merge exactly. (The tile edge matters: the engine's product may round a score
 * differently for another tile shape, so compare with {@code bin/polyface eval --tile} set to the same edge.)
 *
 * <p>Where {@code k + 1} would exceed the memory cap (the settings' {@link AllPairsEvaluator#maxKeptImpostorScores()}), the first pass keeps only
 * the cap and its histogram brackets each threshold; further passes keep only the scores inside the brackets
 * ({@link ThresholdSearch}) — still exact (operating points equal; the ROC curve is binned above the cap).
 *
 * <p>Memory per task: {@code O(tileSize · d + tileSize² + min(k + 1, cap) + genuine pairs of its tiles)}; on the driver
 * {@code O(N + min(k + 1, cap) + N_gen)}.
 */
public final class DistributedAllPairs {

    private final List<Double> targetFars;
    private final int tileSize;
    private final int partitions;
    private final int maxKept;
    private final int histogramBins;
    private final TilePlan plan;

    private DistributedAllPairs(Builder b) {
        targetFars = b.settings.targetFars();
        tileSize = b.settings.tileSize();
        partitions = b.partitions;
        maxKept = b.settings.maxKeptImpostorScores();
        histogramBins = b.settings.histogramBins();
        plan = b.plan;
    }

    /** @return a builder with {@link AllPairsEvaluator}'s defaults (FARs, tile 2048, 50,000,000 kept scores, 16,384 bins) */
    public static Builder builder() {
        return builder(AllPairsEvaluator.builder().build());
    }

    /**
     * A builder taking the settings of a single-JVM evaluator: its target FARs, tile edge, histogram bins and kept-score
     * limit — here the memory cap above which the bracketing passes run, instead of an error.
     *
     * @param settings the evaluator whose settings to use
     * @return the builder
     */
    public static Builder builder(AllPairsEvaluator settings) {
        return new Builder(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * What an evaluation found and how.
     *
     * @param result the counts, exact operating points and ROC curve
     * @param passes passes over all pairs (1, or more on the bracketing path)
     * @param plan the tiles and partitions used
     */
    public record Run(VerificationResult result, int passes, TilePlan plan) {
    }

    /**
     * Evaluates the rows of a feature source (an LFR file every executor reads).
     *
     * @param sc the Spark context
     * @param source the {@code [N, d]} embeddings
     * @param labels the identity label of each row, {@code N} of them
     * @return the result
     * @throws IllegalArgumentException if the label count differs from {@code N}, there are no genuine or no impostor
     *     pairs, a row is all zero or not finite (naming it), or the plan does not fit {@code N}
     * @throws IOException if the features cannot be read
     */
    public Run evaluate(JavaSparkContext sc, FeatureSource source, List<String> labels) throws IOException {
        Objects.requireNonNull(source, "source");
        if (labels.size() != source.rows()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + source.describe() + " has " + source.rows()
                    + " rows; expected one label per row");
        }
        TilePlan p = plan != null ? plan : TilePlan.balanced(source.rows(), tileSize, partitions(sc));
        JavaRDD<Integer> parts = sc.parallelize(IntStream.range(0, p.partitionCount()).boxed().toList(), p.partitionCount());
        return run(sc, p, PairCounts.labelIds(labels), parts, (part, tilePlan, sink) ->
                TileScanner.scan(tilePlan, part, source::read, sink));
    }

    /**
     * Evaluates a {@code Dataset} of labelled embeddings (for users who already run Spark jobs).
     *
     * @param rows one row per embedding with the columns {@code id} (long: the row order), {@code label} (string) and
     *     {@code embedding} (array of float, all of one length)
     * @return the result
     * @throws IllegalArgumentException if a column is missing, an embedding has another length than the first (naming
     *     its id), or as {@link #evaluate(JavaSparkContext, FeatureSource, List)}
     */
    public Run evaluate(Dataset<Row> rows) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        DatasetBlocks blocks = DatasetBlocks.of(rows, tileSize);
        try {
            TilePlan p = plan != null ? plan : TilePlan.rectangles(blocks.rows(), tileSize, partitions(sc));
            return run(sc, p, PairCounts.labelIds(blocks.labels()), blocks.partitionsOf(p),
                    (part, tilePlan, sink) -> TileScanner.scan(tilePlan, part.partition(), part::read, sink));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            blocks.release();
        }
    }

    private int partitions(JavaSparkContext sc) {
        return partitions > 0 ? partitions : 4 * sc.defaultParallelism();
    }

    /** Scores the tiles of one partition, given the partition's input, into a sink. */
    @FunctionalInterface
    interface PartitionScanner<T> extends Serializable {
        void scan(T input, TilePlan plan, Consumer<TiledCosineSimilarity.Tile> sink) throws IOException;
    }

    private <T> Run run(JavaSparkContext sc, TilePlan p, int[] labelIds, JavaRDD<T> parts, PartitionScanner<T> scanner)
            throws IOException {
        if (p.rows() != labelIds.length) {
            throw new IllegalArgumentException("the plan covers " + p.rows() + " rows, the input has " + labelIds.length);
        }
        PairCounts counts = PairCounts.of(labelIds);
        long keep = counts.keptImpostorScores(targetFars);
        int firstKeep = (int) Math.min(keep, maxKept);
        Broadcast<int[]> labels = sc.broadcast(labelIds);
        Broadcast<TilePlan> planB = sc.broadcast(p);
        int bins = histogramBins;
        try {
            sc.setJobDescription("all pairs: pass 1 (" + p.partitionCount() + " partitions, " + p.blocks() + " blocks of "
                    + p.tileSize() + ")");
            PairScoreSummary summary = SparkFailures.rethrow(() -> parts.map(part -> {
                PairScoreSummary s = new PairScoreSummary(firstKeep, bins);
                scanner.scan(part, planB.value(), tile -> s.scan(tile, labels.value()));
                return s;
            }).treeReduce(PairScoreSummary::merge));
            if (summary.genuineCount() != counts.genuine() || summary.impostorCount() != counts.impostors()) {
                throw new IllegalStateException("the tasks scored " + summary.genuineCount() + " genuine and " + summary.impostorCount()
                        + " impostor pairs, expected " + counts.genuine() + " and " + counts.impostors());
            }
            if (keep <= maxKept) {
                return new Run(summary.result(targetFars), 1, p);
            }
            ThresholdSearch search = ThresholdSearch.start(summary, targetFars, maxKept);
            while (!search.done()) {
                Broadcast<BracketPass> pass = sc.broadcast(search.nextPass());
                sc.setJobDescription("all pairs: pass " + (search.passes() + 1) + " (bracketing " + targetFars.size() + " thresholds)");
                BracketPass.Counts found = SparkFailures.rethrow(() -> parts.map(part -> {
                    BracketPass.Counts c = pass.value().newCounts();
                    scanner.scan(part, planB.value(), tile -> pass.value().scan(c, tile, labels.value()));
                    return c;
                }).treeReduce(BracketPass.Counts::merge));
                search.accept(found);
                pass.destroy();
            }
            return new Run(search.result(), search.passes(), p);
        } finally {
            labels.destroy();
            planB.destroy();
            sc.setJobDescription(null);
        }
    }

    /** Builds a {@link DistributedAllPairs}. */
    public static final class Builder {
        private final AllPairsEvaluator settings;
        private int partitions;
        private TilePlan plan;

        private Builder(AllPairsEvaluator settings) {
            this.settings = settings;
        }

        /**
         * @param partitions the number of tasks per pass, {@code >= 1}; default 4 per default parallelism
         * @return this builder
         */
        public Builder optPartitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /**
         * @param plan a fixed tile plan (its tile edge must be the settings'), or null to balance one
         * @return this builder
         */
        public Builder optPlan(TilePlan plan) {
            this.plan = plan;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the job
         * @throws IllegalArgumentException if the partitions are below 1 or the plan's tile edge differs from the settings'
         */
        public DistributedAllPairs build() {
            if (partitions < 0) {
                throw new IllegalArgumentException("--partitions " + partitions + ": expected >= 1");
            }
            if (plan != null && plan.tileSize() != settings.tileSize()) {
                throw new IllegalArgumentException("the plan's tile edge " + plan.tileSize() + " differs from the settings' "
                        + settings.tileSize());
            }
            return new DistributedAllPairs(this);
        }
    }
}
