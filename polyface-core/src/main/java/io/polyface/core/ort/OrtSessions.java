package io.polyface.core.ort;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens ONNX Runtime sessions with one policy for the whole library (CPU, full graph optimisation), on one
 * process-wide environment ({@link #environment()}).
 */
public final class OrtSessions {

    /** DJL's name of its ONNX Runtime engine. */
    static final String DJL_ENGINE = "OnnxRuntime";

    private OrtSessions() {}

    /**
     * The process-wide ONNX Runtime environment; use it instead of {@link OrtEnvironment#getEnvironment()}.
     *
     * <p>DJL's ONNX Runtime engine ({@code ai.djl.onnxruntime}) creates this environment itself, with global
     * thread pools, and fails for the rest of the process ("Tried to specify the thread pool when creating an
     * OrtEnvironment, but one already exists") if anything created it before. So the first call here initialises
     * that engine, when it is on the class path, and then returns the environment it made; sessions opened here
     * keep their own thread pools as before.
     *
     * @return the environment
     */
    public static OrtEnvironment environment() {
        return DjlEngineFirst.ENVIRONMENT;
    }

    /** Initialised once, on first use: DJL's engine (if present), then the environment. */
    private static final class DjlEngineFirst {
        static final OrtEnvironment ENVIRONMENT;

        static {
            try {
                if (Engine.hasEngine(DJL_ENGINE)) {
                    Engine.getEngine(DJL_ENGINE);
                }
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // the engine cannot start here; ONNX Runtime itself still works through the plain environment
            }
            ENVIRONMENT = OrtEnvironment.getEnvironment();
        }
    }

    /**
     * Opens a model file.
     *
     * @param model the {@code .onnx} file
     * @param intraOpThreads threads for one operator; 0 lets ONNX Runtime choose (one per physical core)
     * @return a new session on the process-wide {@link OrtEnvironment}; the caller closes it
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if ONNX Runtime cannot load it (the message names the file)
     * @throws IllegalArgumentException if {@code intraOpThreads} is negative
     */
    public static OrtSession open(Path model, int intraOpThreads) throws IOException {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads " + intraOpThreads + ": expected >= 0 (0 = ONNX Runtime's default)");
        }
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "ONNX model file not found");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a freshly opened session, e.g. checks its inputs and outputs and builds the object that will own it.
     *
     * @param <T> what is built
     */
    @FunctionalInterface
    public interface SessionInspector<T> {
        /**
         * @param session the open session
         * @return what is built from it
         * @throws OrtException if ONNX Runtime cannot describe the session
         */
        T inspect(OrtSession session) throws OrtException;
    }

    /**
     * Opens a model file ({@link #open(Path, int)}) and hands the session to {@code inspector}, closing the session
     * if the inspector fails; when it succeeds, whatever it built owns the session.
     *
     * @param <T> what is built
     * @param model the {@code .onnx} file
     * @param intraOpThreads threads for one operator; 0 lets ONNX Runtime choose
     * @param inspector builds the owner of the session (typically after checking the model's inputs and outputs)
     * @return what the inspector built
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if ONNX Runtime cannot load the model or the inspector's ONNX Runtime calls fail
     *     ({@code "cannot inspect ONNX model <file>: ..."})
     * @throws IllegalArgumentException if {@code intraOpThreads} is negative, or as thrown by the inspector
     *     (any other runtime exception of the inspector passes through too)
     */
    public static <T> T open(Path model, int intraOpThreads, SessionInspector<T> inspector) throws IOException {
        OrtSession session = open(model, intraOpThreads);
        try {
            return inspector.inspect(session);
        } catch (RuntimeException | OrtException e) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof OrtException) {
                throw new IOException("cannot inspect ONNX model " + model + ": " + e.getMessage(), e);
            }
            throw (RuntimeException) e;
        }
    }
}
