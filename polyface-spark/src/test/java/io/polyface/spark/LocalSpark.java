package io.polyface.spark;

import io.polyface.spark.session.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The tests' embedded Spark: one {@code local[2]} session per test JVM, started on first use and shared by the test
 * classes (a JVM holds one SparkContext; the standalone-cluster test stops it and the next user starts it again).
 */
public final class LocalSpark {

    private LocalSpark() {}

    /** @return the shared {@code local[2]} session */
    public static synchronized SparkSession session() {
        SparkSession s = SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (s != null && !s.sparkContext().isStopped() && s.sparkContext().master().equals("local[2]")) {
            return s;
        }
        stop();
        return SparkSessions.create("local[2]", "polyface-spark tests", Map.of("spark.sql.shuffle.partitions", "4"));
    }

    /** @return the shared session's context */
    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /** Stops whatever session this JVM runs. */
    public static synchronized void stop() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }
}
