package io.polyface.cli;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedding model and its preprocessing, shared by the sub-commands that run one ({@code embed},
 * {@code eval --model} through {@link EmbeddingOptions}, {@code ijb}). Preprocessing flags override the model's
 * PolyFace metadata; a model without metadata needs them (or gets the ArcFace default RGB, (px − 127.5)/127.5, 112).
 */
final class EmbedderOptions {

    @Option(names = "--model", paramLabel = "FILE.onnx", description = "Embedding model, [N,3,H,W] -> [N,d].")
    Path model;

    @Option(names = "--flip", negatable = true,
            description = "Test-time flip: mean of the embeddings of the image and its mirror (--no-flip: off).")
    Boolean flip;

    @Option(names = "--input", paramLabel = "PIXELS", description = "Model input size (overrides the model's metadata).")
    Integer input;

    @Option(names = "--rgb", description = "Feed RGB channel order (overrides metadata).")
    boolean rgb;

    @Option(names = "--bgr", description = "Feed BGR channel order (overrides metadata).")
    boolean bgr;

    @Option(names = "--mean", paramLabel = "M", description = "Pixel mean subtracted (overrides metadata).")
    Float mean;

    @Option(names = "--std", paramLabel = "S", description = "Pixel divisor (overrides metadata).")
    Float std;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Embedding batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    /**
     * Opens the embedder.
     *
     * @param l2Normalize whether embeddings are scaled to unit length
     * @param flipByDefault whether flip is on when neither {@code --flip} nor {@code --no-flip} is given
     * @return the embedder (close it)
     * @throws IOException if the model cannot be read
     * @throws IllegalArgumentException for a missing model or contradictory options
     */
    FaceEmbedder open(boolean l2Normalize, boolean flipByDefault) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("--model FILE.onnx is required");
        }
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("--model " + model + ": no such file");
        }
        if (rgb && bgr) {
            throw new IllegalArgumentException("give --rgb or --bgr, not both");
        }
        Preprocessing base = FaceEmbedder.preprocessingFromModel(model).orElse(Preprocessing.of(112, ChannelOrder.RGB, 127.5f, 127.5f));
        int size = input != null ? input : base.inputWidth();
        ChannelOrder order = rgb ? ChannelOrder.RGB : bgr ? ChannelOrder.BGR : base.normalization().channelOrder();
        float m = mean != null ? mean : base.normalization().mean()[0];
        float s = std != null ? std : base.normalization().std()[0];
        return FaceEmbedder.builder().setModelPath(model).optPreprocessing(Preprocessing.of(size, order, m, s))
                .optFlip(flip != null ? flip : flipByDefault).optL2Normalize(l2Normalize).optBatchSize(batch).build();
    }
}
