package io.polyface.aggregation.eval;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.io.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation of templates (the LFR video protocol, spec {@code aggregation-and-evaluation.md},
 * "Verification metrics"): the frames of each track are aggregated into one feature by each configured
 * aggregator, and every unordered pair of track features is scored by cosine similarity with core's
 * {@link AllPairsEvaluator} — genuine when the two tracks have the same identity — giving the exact TAR
 * at each target FAR (accept when score &gt; threshold, at most {@code ⌊FAR·N_imp⌋} impostors accepted).
 * The methods see the same frames and tracks, so their figures can be compared side by side
 * ({@link TemplateComparison#toTable()}).
 *
 * <pre>{@code
 * TemplateComparison c = TemplateEvaluation.builder().optTargetFars(List.of(1e-2)).build()
 *         .evaluate(frameEmbeddings, rowTrackIds, qualityScores);
 * System.out.print(c.toTable());
 * double gain = c.result(AggregationMethod.QANPP).tarAt(1e-2) - c.result(AggregationMethod.MEAN).tarAt(1e-2);
 * }</pre>
 */
public final class TemplateEvaluation {

    /** The default target FARs. */
    public static final List<Double> DEFAULT_TARGET_FARS = List.of(1e-3, 1e-2, 1e-1);

    private final List<Aggregator> aggregators;
    private final List<Double> targetFars;
    private final int scanThreads;

    private TemplateEvaluation(Builder b) {
        this.aggregators = List.copyOf(b.aggregators);
        this.targetFars = List.copyOf(b.targetFars);
        this.scanThreads = b.scanThreads;
    }

    /**
     * Starts a builder with the defaults: mean pooling, QAN and QAN++, each L2-normalised; target FARs
     * {@link #DEFAULT_TARGET_FARS}; one scan thread.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Aggregates and evaluates.
     *
     * @param frames {@code [N, d]} frame embeddings (not modified)
     * @param rowIds the track id of each row
     * @param qualityScores {@code [N]} per-frame quality scores (needed by QAN and QAN++; may be null if no
     *     configured aggregator needs them)
     * @return the results, one per aggregator, in configured order
     * @throws IllegalArgumentException if aggregation fails (see {@link TrackFeatures#aggregate}), or the
     *     tracks give no genuine or no impostor pair (each identity needs two tracks, and there must be
     *     two identities)
     */
    public TemplateComparison evaluate(FeatureMatrix frames, List<TrackId> rowIds, float[] qualityScores) {
        AllPairsEvaluator evaluator = AllPairsEvaluator.builder().optTargetFars(targetFars).optScanThreads(scanThreads).build();
        List<MethodResult> results = new ArrayList<>(aggregators.size());
        for (Aggregator a : aggregators) {
            TrackFeatures features = TrackFeatures.aggregate(frames, rowIds, qualityScores, a);
            VerificationResult v = evaluator.evaluate(features.features(), features.labels());
            results.add(new MethodResult(a, features, v));
        }
        return new TemplateComparison(frames.rows(), targetFars, results);
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private List<Aggregator> aggregators = List.of(AggregationMethod.MEAN.create(true), AggregationMethod.QAN.create(true),
                AggregationMethod.QANPP.create(true));
        private List<Double> targetFars = DEFAULT_TARGET_FARS;
        private int scanThreads = 1;

        private Builder() {}

        /**
         * @param aggregators the aggregators to compare, non-empty; default mean pooling, QAN, QAN++ (normalised)
         * @return this builder
         */
        public Builder optAggregators(List<Aggregator> aggregators) {
            this.aggregators = aggregators;
            return this;
        }

        /**
         * @param targetFars the target FARs, each in (0, 1); default {@link #DEFAULT_TARGET_FARS}
         * @return this builder
         */
        public Builder optTargetFars(List<Double> targetFars) {
            this.targetFars = targetFars;
            return this;
        }

        /**
         * @param scanThreads threads scanning the pair scores, {@code >= 1}; default 1 (track sets are small)
         * @return this builder
         */
        public Builder optScanThreads(int scanThreads) {
            this.scanThreads = scanThreads;
            return this;
        }

        /**
         * Validates.
         *
         * @return the evaluation
         * @throws IllegalArgumentException if the aggregator list is null, empty or holds a null, or a
         *     FAR or the thread count is out of range
         */
        public TemplateEvaluation build() {
            if (aggregators == null || aggregators.isEmpty() || aggregators.stream().anyMatch(a -> a == null)) {
                throw new IllegalArgumentException("aggregators " + aggregators + ": expected a non-empty list without nulls");
            }
            if (targetFars == null) {
                throw new IllegalArgumentException("targetFars is null; expected at least one target FAR in (0, 1)");
            }
            AllPairsEvaluator.builder().optTargetFars(targetFars).optScanThreads(scanThreads).build();
            return new TemplateEvaluation(this);
        }
    }
}
