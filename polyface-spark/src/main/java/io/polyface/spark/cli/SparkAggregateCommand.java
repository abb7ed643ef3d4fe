package io.polyface.spark.cli;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.cli.common.AggregationOptions;
import io.polyface.cli.common.Json;
import io.polyface.cli.common.JsonOutput;
import io.polyface.spark.eval.LfrFileSource;
import io.polyface.spark.template.DistributedAggregation;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code polyface-spark aggregate}: frame features → one feature per template, grouped by track id on Spark. */
@Command(name = "aggregate",
        mixinStandardHelpOptions = true,
        description = {
            "Aggregates frame features into one feature per track/template on Spark, as 'polyface aggregate --features'",
            "does (same files, same rows): rows are grouped by track id (identity/track, identity/track/media for ijb) and",
            "each group is aggregated by one task in row order. Methods: mean, qan, qanpp (need --quality), ijb (needs media ids).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface-spark aggregate --features frames.bin --tracks frames.tracks --quality frames.quality --method qanpp --out tracks.bin",
            "  bin/polyface-spark eval --features tracks.bin --labels tracks.bin.labels --far 1e-3,1e-2",
        })
final class SparkAggregateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    AggregationOptions aggregation;

    @Option(names = "--features", required = true, paramLabel = "FILE", description = "Frame features: LFR feature file, one frame per row.")
    Path features;

    @Option(names = "--tracks", required = true, paramLabel = "FILE", description = "Track id of each feature row, one per line.")
    Path tracks;

    @Option(names = "--quality", paramLabel = "FILE", description = "Quality score of each feature row, one per line (qan, qanpp).")
    Path quality;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output LFR feature file (FILE.tracks and FILE.labels beside it).")
    Path out;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        Aggregator aggregator = aggregation.aggregator();
        LfrFileSource source = LfrFileSource.open(features);
        List<TrackId> ids = TrackIdsFile.read(tracks);
        if (ids.size() != source.rows()) {
            throw new IllegalArgumentException(tracks + " has " + ids.size() + " track ids but " + features + " has " + source.rows()
                    + " rows; expected one track id per row");
        }
        float[] scores = null;
        if (aggregator.requiresQualityScores()) {
            if (quality == null) {
                throw new IllegalArgumentException("--method " + aggregator.method().cliName() + " needs --quality FILE (one quality score per feature row)");
            }
            scores = QualityScoresFile.read(quality);
            if (scores.length != source.rows()) {
                throw new IllegalArgumentException(quality + " has " + scores.length + " scores but " + features + " has " + source.rows()
                        + " rows; expected one quality score per row");
            }
        }
        TrackFeatures result;
        try (SparkOptions.Session session = sparkOptions.open("polyface-spark aggregate", spec.commandLine().getErr())) {
            result = DistributedAggregation.aggregate(JavaSparkContext.fromSparkContext(session.spark.sparkContext()), source, ids,
                    scores, aggregator, sparkOptions.partitions(session.spark));
        }
        result.write(out);
        PrintWriter o = spec.commandLine().getOut();
        int identities = new LinkedHashSet<>(result.labels()).size();
        if (json.enabled()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", aggregator.method().cliName());
            m.put("normalize", aggregator.normalize());
            m.put("frames", source.rows());
            m.put("tracks", result.features().rows());
            m.put("identities", identities);
            m.put("dimension", result.features().cols());
            m.put("out", out.toString());
            m.put("tracks_file", TrackFeatures.sibling(out, TrackFeatures.TRACKS_SUFFIX).toString());
            m.put("labels_file", TrackFeatures.sibling(out, TrackFeatures.LABELS_SUFFIX).toString());
            o.println(Json.line(m));
        } else {
            o.printf(Locale.ROOT, "%s: %,d frames -> %,d tracks of %,d identities, dimension %d; written to %s (+ .tracks, .labels)%n",
                    aggregator.method().cliName(), source.rows(), result.features().rows(), identities, result.features().cols(), out);
        }
        o.flush();
        return 0;
    }
}
