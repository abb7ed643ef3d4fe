package io.polyface.spark.cli;

import io.polyface.cli.common.ResultCommand;
import picocli.CommandLine.Mixin;

/**
 * Base of the {@code polyface-spark} sub-commands: {@link ResultCommand}'s streams and {@code --json}, plus the
 * {@link SparkOptions} ({@code --master}, {@code --partitions}, {@code --conf}) every one of them adds to the
 * single-JVM command's, and the session they open under the command's own name.
 */
abstract class SparkCommand extends ResultCommand {

    /** Where and how wide to run. */
    @Mixin
    SparkOptions sparkOptions;

    /**
     * Starts (or joins) the Spark session; its stages are reported on standard error as
     * {@code polyface-spark NAME: stage ...}.
     *
     * @return the session (close it)
     * @throws IllegalArgumentException if {@code --partitions} is below 1
     */
    final SparkOptions.Session openSession() {
        return sparkOptions.open(spec.qualifiedName(), err());
    }
}
