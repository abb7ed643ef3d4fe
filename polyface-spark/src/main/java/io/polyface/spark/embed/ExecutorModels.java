package io.polyface.spark.embed;

import io.polyface.core.pipeline.EmbeddingSetup;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of each executor JVM: one {@link EmbeddingSetup.Opened} (ONNX Runtime sessions of the embedder and the
 * detector) per setup, opened by the first task that needs it, shared by the executor's task threads (the sessions are
 * thread-safe) and closed when the JVM shuts down. A setup that cannot be opened is remembered, so that the executor's
 * later tasks fail at once with the same reason instead of loading the model again.
 */
public final class ExecutorModels {

    private static final Map<EmbeddingSetup, Object> OPENED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "polyface-executor-models-close"));
    }

    private ExecutorModels() {}

    /**
     * Returns this JVM's opened models for a setup, opening them on first use.
     *
     * @param setup the setup
     * @return the shared models (do not close them)
     * @throws IOException if a model cannot be read (also for every later call with this setup)
     * @throws IllegalArgumentException if the setup does not fit the model (also for every later call)
     */
    public static EmbeddingSetup.Opened get(EmbeddingSetup setup) throws IOException {
        Object o = OPENED.computeIfAbsent(setup, s -> {
            try {
                return s.open();
            } catch (IOException | RuntimeException e) {
                return e;
            }
        });
        if (o instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (o instanceof RuntimeException e) {
            throw e instanceof IllegalArgumentException ? new IllegalArgumentException(e.getMessage(), e)
                    : new IllegalStateException(e.getMessage(), e);
        }
        return (EmbeddingSetup.Opened) o;
    }

    /** Closes every opened model of this JVM (at shutdown; also for tests). */
    public static void closeAll() {
        for (Object o : OPENED.values()) {
            if (o instanceof EmbeddingSetup.Opened opened) {
                opened.close();
            }
        }
        OPENED.clear();
    }
}
