package io.polyface.spark.cli;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.cli.common.AggregationOptions;
import io.polyface.cli.common.PerRowFiles;
import io.polyface.spark.eval.LfrFileSource;
import io.polyface.spark.template.DistributedAggregation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
final class SparkAggregateCommand extends SparkCommand {

    @Mixin
    AggregationOptions aggregation;

    @Option(names = "--features", required = true, paramLabel = "FILE", description = "Frame features: LFR feature file, one frame per row.")
    Path features;

    @Option(names = "--tracks", required = true, paramLabel = "FILE", description = "Track id of each feature row, one per line.")
    Path tracks;

    @Option(names = "--quality", paramLabel = "FILE", description = "Quality score of each feature row, one per line (qan, qanpp).")
    Path quality;

    @Override
    public Integer call() throws Exception {
        Aggregator aggregator = aggregation.aggregator();
        LfrFileSource source = LfrFileSource.open(features);
        List<TrackId> ids = PerRowFiles.trackIds(tracks, features, source.rows());
        float[] scores = PerRowFiles.qualityScores(aggregator, quality, features, source.rows());
        TrackFeatures result;
        try (SparkOptions.Session session = openSession()) {
            result = DistributedAggregation.aggregate(session.context(), source, ids,
                    scores, aggregator, session.partitions());
        }
        Path out = aggregation.out();
        result.write(out);
        json.print(out(), () -> aggregation.summary(aggregator, source.rows(), result),
                o -> o.printf(Locale.ROOT, "%s: %,d frames -> %,d tracks of %,d identities, dimension %d; written to %s (+ .tracks, .labels)%n",
                        aggregator.method().cliName(), source.rows(), result.features().rows(), result.labels().stream().distinct().count(),
                        result.features().cols(), out));
        return 0;
    }
}
