package io.polyface.spark.session;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Creates the {@link SparkSession} of a PolyFace job: embedded {@code local[*]} by default (no cluster needed), or a
 * master URL ({@code spark://host:7077}, {@code yarn}, {@code k8s://...}); under {@code spark-submit} the master and
 * resources come from spark-submit and are not overridden. Sets what PolyFace's executors need: DJL offline (the
 * engines' natives come from the jars) and the log level; the Spark UI is off unless asked for.
 */
public final class SparkSessions {

    /** Executor JVM options PolyFace needs beside Spark's own module openings. */
    public static final String EXECUTOR_JAVA_OPTIONS = "-Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "
            + "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error";

    private SparkSessions() {}

    /**
     * Gets or creates the session.
     *
     * @param master the master URL, or null for the one spark-submit set (else {@code local[*]})
     * @param appName the application name
     * @param settings further Spark settings (e.g. {@code spark.executor.memory}), applied last
     * @return the session
     */
    public static SparkSession create(String master, String appName, Map<String, String> settings) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setAppName(appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
        if (!executorOptions.contains("ai.djl.offline")) {
            conf.set("spark.executor.extraJavaOptions", (executorOptions + " " + EXECUTOR_JAVA_OPTIONS).strip());
        }
        settings.forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
