package io.polyface.core.ort;

import io.polyface.core.util.SelfTypedBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The settings every builder of an ONNX Runtime model takes: the model file (required) and the intra-op thread
 * count. Extended by the builders of {@code FaceEmbedder}, {@code YuNetDetector} and polyface-aggregation's
 * {@code QualityScorer}.
 *
 * @param <B> the concrete builder
 */
public abstract class OrtModelBuilder<B extends OrtModelBuilder<B>> extends SelfTypedBuilder<B> {

    /** The model's {@code .onnx} file; null until set. */
    protected Path modelPath;
    /** ONNX Runtime intra-op threads; 0 lets it choose. */
    protected int intraOpThreads;
    private final String model;

    /**
     * @param selfType the concrete builder's class
     * @param model what the file is, for the error when it is missing (e.g. {@code "the YuNet .onnx file"})
     */
    protected OrtModelBuilder(Class<B> selfType, String model) {
        super(selfType);
        this.model = model;
    }

    /**
     * @param modelPath the model's {@code .onnx} file (required)
     * @return this builder
     */
    public B setModelPath(Path modelPath) {
        this.modelPath = modelPath;
        return self();
    }

    /**
     * @param intraOpThreads ONNX Runtime intra-op threads, {@code >= 0}; 0 (default) lets it choose
     * @return this builder
     */
    public B optIntraOpThreads(int intraOpThreads) {
        this.intraOpThreads = intraOpThreads;
        return self();
    }

    /**
     * Checks that the model file was given; builders call it first in {@code build()}.
     *
     * @throws IllegalArgumentException {@code modelPath is required (<what the file is>)}
     */
    protected void requireModelPath() {
        if (modelPath == null) {
            throw new IllegalArgumentException("modelPath is required (" + model + ")");
        }
    }

    /**
     * Opens the model with the settings ({@link OrtSessions#open(Path, int, OrtSessions.SessionInspector)}).
     *
     * @param <T> what is built
     * @param inspector builds the owner of the session
     * @return what the inspector built
     * @throws IOException if the file is missing or ONNX Runtime cannot load it
     * @throws IllegalArgumentException if {@code intraOpThreads} is negative, or as thrown by the inspector
     */
    protected <T> T open(OrtSessions.SessionInspector<T> inspector) throws IOException {
        return OrtSessions.open(modelPath, intraOpThreads, inspector);
    }
}
