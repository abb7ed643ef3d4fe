package io.polyface.spark.session;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of Spark jobs on standard error: per stage, tasks done of total, at most one line every two seconds and
 * always the line of a finished stage, e.g. {@code polyface-spark eval: stage 3 (all pairs: pass 1 ...): 12/40 tasks,
 * 1 failed (retried)}.
 */
public final class StageProgress extends SparkListener {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final String prefix;
    private final Map<Integer, int[]> stages = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile long lastLine;

    /**
     * @param err where the lines go
     * @param prefix e.g. {@code polyface-spark eval}
     */
    public StageProgress(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        int id = submitted.stageInfo().stageId();
        stages.put(id, new int[] {0, submitted.stageInfo().numTasks()});
        String description = submitted.properties() == null ? null : submitted.properties().getProperty("spark.job.description");
        names.put(id, description != null ? description : submitted.stageInfo().name());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        int[] s = stages.get(end.stageId());
        if (s == null) {
            return;
        }
        if (end.taskInfo().successful()) {
            synchronized (s) {
                s[0]++;
            }
        } else {
            failed.incrementAndGet();
        }
        long now = System.nanoTime();
        if (now - lastLine >= INTERVAL_NANOS) {
            lastLine = now;
            print(end.stageId(), s);
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        int id = completed.stageInfo().stageId();
        int[] s = stages.remove(id);
        if (s != null) {
            print(id, s);
        }
        names.remove(id);
    }

    private void print(int stage, int[] s) {
        int f = failed.get();
        synchronized (err) {
            err.printf(Locale.ROOT, "%s: stage %d (%s): %d/%d tasks%s%n", prefix, stage, names.getOrDefault(stage, "?"), s[0], s[1],
                    f > 0 ? ", " + f + " task failures so far (retried)" : "");
            err.flush();
        }
    }
}
