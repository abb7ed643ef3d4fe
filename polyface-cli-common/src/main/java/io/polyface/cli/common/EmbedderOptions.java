package io.polyface.cli.common;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.core.image.ChannelOrder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The embedding model and its preprocessing, shared by the sub-commands that run one ({@code embed},
 * {@code eval --model} and {@code polyface-spark embed} through {@link EmbeddingOptions}, {@code ijb}). The preprocessing flags are a statement checked by
 * core's rule ({@code io.polyface.core.embed.ModelPreprocessing}): a model's metadata (or a model known by its SHA-256)
 * decides and a contradicting flag is refused; a model with neither needs the flags.
 */
public final class EmbedderOptions {

    @Option(names = "--model", paramLabel = "FILE.onnx", description = "Embedding model, [N,3,H,W] -> [N,d].")
    Path model;

    @Option(names = "--flip", negatable = true,
            description = "Test-time flip: mean of the embeddings of the image and its mirror (--no-flip: off).")
    Boolean flip;

    @Option(names = "--input", paramLabel = "PIXELS",
            description = "Model input size, for a model without preprocessing metadata (default: the model's fixed input size).")
    Integer input;

    @Option(names = "--rgb", description = "Feed RGB channel order (for a model without preprocessing metadata).")
    boolean rgb;

    @Option(names = "--bgr", description = "Feed BGR channel order (for a model without preprocessing metadata).")
    boolean bgr;

    @Option(names = "--mean", paramLabel = "M", description = "Pixel mean subtracted (for a model without preprocessing metadata).")
    Float mean;

    @Option(names = "--std", paramLabel = "S", description = "Pixel divisor (for a model without preprocessing metadata). A flag that "
            + "contradicts the model's metadata, or a model PolyFace knows by its SHA-256, is refused.")
    Float std;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Embedding batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    /** @return the {@code --model} file, or null when not given */
    public Path model() {
        return model;
    }

    /**
     * @param flipByDefault whether flip is on when neither {@code --flip} nor {@code --no-flip} is given
     * @return whether test-time flip is on
     */
    public boolean flip(boolean flipByDefault) {
        return flip != null ? flip : flipByDefault;
    }

    /** @return the {@code --batch} value */
    public int batch() {
        return batch;
    }

    /**
     * @return the preprocessing the flags state (null fields: not stated)
     * @throws IllegalArgumentException if both {@code --rgb} and {@code --bgr} are given
     */
    public PreprocessingStatement statement() {
        if (rgb && bgr) {
            throw new IllegalArgumentException("give --rgb or --bgr, not both");
        }
        return PreprocessingStatement.of(input, rgb ? ChannelOrder.RGB : bgr ? ChannelOrder.BGR : null, mean, std);
    }

    /**
     * Opens the embedder.
     *
     * @param l2Normalize whether embeddings are scaled to unit length
     * @param flipByDefault whether flip is on when neither {@code --flip} nor {@code --no-flip} is given
     * @param notices receives what the user should be told (a model recognised by its SHA-256)
     * @return the embedder (close it)
     * @throws IOException if the model cannot be read
     * @throws IllegalArgumentException for a missing model or contradictory options
     */
    public FaceEmbedder open(boolean l2Normalize, boolean flipByDefault, Consumer<String> notices) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("--model FILE.onnx is required");
        }
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "expected an ONNX embedding model");
        }
        return FaceEmbedder.builder().setModelPath(model).optPreprocessing(statement()).optNotices(notices)
                .optFlip(flip(flipByDefault)).optL2Normalize(l2Normalize).optBatchSize(batch).build();
    }
}
