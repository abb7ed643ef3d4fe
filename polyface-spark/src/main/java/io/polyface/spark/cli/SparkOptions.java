package io.polyface.spark.cli;

import io.polyface.spark.session.SparkSessions;
import io.polyface.spark.session.StageProgress;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options every {@code polyface-spark} sub-command adds to the single-JVM command's: where and how wide to run. */
final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default: embedded, no cluster), local[N], spark://HOST:7077, yarn, k8s://...; "
                    + "under spark-submit its --master is used.")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "Tasks per pass (default: 4 per core of the master).")
    Integer partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    /**
     * A running session that is stopped at the end unless it existed before (a test's, or spark-submit's shell).
     *
     * @param spark the session
     * @param owned whether closing stops it (it was created by {@link #open})
     * @param progress the listener that reports its stages; removed on close
     * @param partitions tasks per pass: {@code --partitions}, or 4 per core of the master
     */
    record Session(SparkSession spark, boolean owned, StageProgress progress, int partitions) implements AutoCloseable {

        /** @return the session's context for the RDD API */
        JavaSparkContext context() {
            return JavaSparkContext.fromSparkContext(spark.sparkContext());
        }

        /** @return the master URL the session runs on, e.g. {@code local[*]} */
        String master() {
            return spark.sparkContext().master();
        }

        @Override
        public void close() {
            spark.sparkContext().removeSparkListener(progress);
            if (owned) {
                spark.stop();
            }
        }
    }

    /**
     * Starts (or joins) the session and reports its stages on standard error.
     *
     * @param command e.g. {@code polyface-spark eval}
     * @param err standard error
     * @return the session
     * @throws IllegalArgumentException if {@code --partitions} is below 1 (checked before a session starts)
     */
    Session open(String command, PrintWriter err) {
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions " + partitions + ": expected >= 1");
        }
        boolean existed = SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
        SparkSession spark = SparkSessions.create(master, command, conf);
        StageProgress progress = new StageProgress(err, command);
        spark.sparkContext().addSparkListener(progress);
        int tasks = partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
        return new Session(spark, !existed, progress, tasks);
    }
}
