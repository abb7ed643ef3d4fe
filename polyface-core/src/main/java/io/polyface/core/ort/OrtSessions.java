package io.polyface.core.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens ONNX Runtime sessions with one policy for the whole library (CPU, full graph optimisation). */
public final class OrtSessions {

    private OrtSessions() {}

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
            return OrtEnvironment.getEnvironment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }
}
