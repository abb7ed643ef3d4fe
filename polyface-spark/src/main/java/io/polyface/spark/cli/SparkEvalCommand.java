package io.polyface.spark.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.cli.common.PerRowFiles;
import io.polyface.cli.common.VerificationOptions;
import io.polyface.cli.common.VerificationOutput;
import io.polyface.spark.eval.DistributedAllPairs;
import io.polyface.spark.eval.LfrFileSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code polyface-spark eval}: exact all-pairs TAR@FAR of an LFR feature file on Spark. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Exact all-pairs verification (TAR@FAR) on Spark, equal to 'polyface eval --features F --labels L' with the same",
            "--tile: the upper triangle of the score matrix is cut into tiles scored by Spark tasks, each keeping its genuine",
            "scores and its k+1 largest impostor scores (k = floor(FAR x impostor pairs)); above --max-kept a histogram pass",
            "brackets each threshold and further passes keep only the scores inside. Executors read the feature file at the",
            "same path (or the copy given to spark-submit --files).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface-spark eval --features orl.feat --labels orl.feat.labels --far 1e-4,1e-3",
            "  bin/polyface-spark eval --master spark://127.0.0.1:7077 --features lfr.feat --labels lfr.labels --far 1e-8,1e-6,1e-4 --json",
        })
final class SparkEvalCommand extends SparkCommand {

    @Option(names = "--features", required = true, paramLabel = "FILE", description = "LFR feature file, one embedding per row.")
    Path features;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Identity labels, one per line in row order.")
    Path labels;

    @Mixin
    VerificationOptions verification;

    @Option(names = "--max-kept", paramLabel = "N", defaultValue = "50000000",
            description = "Memory cap: most impostor scores a task keeps; above it the bracketing passes run (default: ${DEFAULT-VALUE}).")
    int maxKept;

    @Override
    public Integer call() throws Exception {
        DistributedAllPairs.Builder job = DistributedAllPairs.builder(verification.evaluator().optMaxKeptImpostorScores(maxKept).build());
        LfrFileSource source = LfrFileSource.open(features);
        List<String> ids = PerRowFiles.labels(labels, features, source.rows());
        try (SparkOptions.Session session = openSession()) {
            DistributedAllPairs.Run run = job.optPartitions(session.partitions()).build()
                    .evaluate(session.context(), source, ids);
            verification.writeRoc(run.result(), "ROC, all pairs of " + source.rows() + " embeddings (" + features.getFileName() + ")");
            ObjectNode extra = JsonNodeFactory.instance.objectNode();
            ObjectNode sparkJson = extra.putObject("spark");
            sparkJson.put("master", session.master());
            sparkJson.put("partitions", run.plan().partitionCount());
            sparkJson.put("tile", run.plan().tileSize());
            sparkJson.put("passes", run.passes());
            VerificationOutput.printAllPairs(out(), run.result(), features, source.rows(), source.cols(),
                    verification.roc(), json.enabled(), extra);
            if (!json.enabled()) {
                out().printf("on %s: %d partitions, %d pass(es) over all pairs%n",
                        session.master(), run.plan().partitionCount(), run.passes());
            }
        }
        return 0;
    }
}
