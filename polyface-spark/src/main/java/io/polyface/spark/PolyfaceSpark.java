package io.polyface.spark;

import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.aggregation.Aggregator;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.pipeline.EmbeddingSetup;
import io.polyface.spark.embed.DistributedEmbedder;
import io.polyface.spark.eval.DistributedAllPairs;
import io.polyface.spark.search.DistributedSearch;
import io.polyface.spark.template.DistributedAggregation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * PolyFace for users who already run Spark jobs: {@code Dataset<Row>} in, {@code Dataset<Row>} or result records out.
 * Each method is one of the module's jobs ({@link DistributedEmbedder}, {@link DistributedAllPairs},
 * {@link DistributedAggregation}, {@link DistributedSearch}), which also take files for the command line.
 *
 * <pre>{@code
 * Dataset<Row> faces = PolyfaceSpark.embed(images, setup);                 // path, label -> index, path, label, embedding, no_face
 * VerificationResult r = PolyfaceSpark.verify(faces.filter("not no_face").withColumnRenamed("index", "id"), List.of(1e-6, 1e-4));
 * Dataset<Row> templates = PolyfaceSpark.templates(frames, QanPlusPlus.builder().build()); // id, template, quality, embedding
 * Dataset<Row> hits = PolyfaceSpark.search(gallery, probes, 10);          // id, rank, label, score
 * }</pre>
 */
public final class PolyfaceSpark {

    private PolyfaceSpark() {}

    /**
     * Embeds images, one model per executor JVM.
     *
     * @param images columns {@code path} (string: an image file every executor can read) and {@code label} (string)
     * @param setup the model and options
     * @return {@link DistributedEmbedder#TABLE_SCHEMA} rows: {@code index, path, label, embedding, no_face}
     */
    public static Dataset<Row> embed(Dataset<Row> images, EmbeddingSetup setup) {
        return new DistributedEmbedder(setup).embed(images);
    }

    /**
     * Exact all-pairs TAR@FAR (tile edge 2048, as {@code bin/polyface eval}).
     *
     * @param embeddings columns {@code id} (long: the row order), {@code label} (string), {@code embedding} (array of float)
     * @param targetFars the target FARs
     * @return the counts, exact operating points and ROC curve of {@link io.polyface.core.eval.AllPairsEvaluator}
     */
    public static VerificationResult verify(Dataset<Row> embeddings, List<Double> targetFars) {
        return DistributedAllPairs.builder(AllPairsEvaluator.builder().optTargetFars(targetFars).build()).build().evaluate(embeddings).result();
    }

    /**
     * One feature per template (IJB template rule, QAN++, QAN or mean pooling).
     *
     * @param frames columns {@code id} (long), {@code template} ({@code identity/track[/media]}), {@code embedding} and,
     *     for QAN/QAN++, {@code quality}
     * @param aggregator the method
     * @return {@link DistributedAggregation#TEMPLATE_SCHEMA} rows: {@code first_id, template, label, embedding}
     */
    public static Dataset<Row> templates(Dataset<Row> frames, Aggregator aggregator) {
        return DistributedAggregation.aggregate(frames, aggregator);
    }

    /**
     * 1:N search: each probe's top {@code k} gallery identities.
     *
     * @param gallery columns {@code label} (distinct) and {@code embedding}, one row per identity
     * @param probes columns {@code id} (long) and {@code embedding}
     * @param k candidates per probe
     * @return {@link DistributedSearch#RESULT_SCHEMA} rows: {@code id, rank, label, score}
     */
    public static Dataset<Row> search(Dataset<Row> gallery, Dataset<Row> probes, int k) {
        return new DistributedSearch(k, 65_536, 1).search(gallery, probes);
    }
}
