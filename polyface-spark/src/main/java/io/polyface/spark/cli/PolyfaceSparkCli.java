package io.polyface.spark.cli;

import io.polyface.cli.common.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine;


/**
 * The {@code polyface-spark} command line: {@code bin/polyface}'s {@code embed}, {@code eval} and {@code aggregate}
 * with the same options (one definition, in polyface-cli-common) plus {@code --master} and {@code --partitions}, and
 * 1:N {@code search}. Results on standard output (only JSON with {@code --json}), progress on standard error, bad input
 * exits with status 2 and a one-line reason. Tests run it in-process with
 * {@code CommandLines.run(PolyfaceSparkCli.newCommandLine(), out, err, args)}.
 */
@Command(name = "polyface-spark",
        mixinStandardHelpOptions = true,
        version = "polyface-spark 0.1.0-SNAPSHOT (Apache Spark 3.5)",
        description = "PolyFace on Apache Spark: embedding extraction, exact all-pairs TAR@FAR, templates and 1:N search.",
        subcommands = {
                CommandLine.HelpCommand.class,
                SparkEmbedCommand.class,
                SparkEvalCommand.class,
                SparkAggregateCommand.class,
                SparkSearchCommand.class,
                SparkBenchCommand.class,
        })
public final class PolyfaceSparkCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return the configured command line (one-line errors) */
    public static CommandLine newCommandLine() {
        return CommandLines.of(new PolyfaceSparkCli());
    }

    /**
     * Entry point (also of the shaded jar for spark-submit).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }
}
