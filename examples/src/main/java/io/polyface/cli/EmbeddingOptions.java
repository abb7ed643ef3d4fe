package io.polyface.cli;

import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FolderEmbedder;
import io.polyface.core.util.SharedResources;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Options of the sub-commands that embed an image folder with an ONNX model ({@code embed}, {@code eval --model}).
 * The preprocessing flags are a statement checked by core's rule ({@code io.polyface.core.embed.ModelPreprocessing}):
 * a model's metadata (or a model known by its SHA-256) decides and a contradicting flag is refused; a model with
 * neither needs the flags.
 */
public final class EmbeddingOptions {

    @Option(names = "--model", paramLabel = "FILE.onnx", description = "Embedding model, [N,3,H,W] -> [N,d].")
    Path model;

    @Option(names = "--align", paramLabel = "yunet|none", defaultValue = "yunet",
            description = "yunet: detect 5 landmarks and align to the 112x112 ArcFace template; none: resize the whole image "
                    + "to the model input with bilinear resize (the rule training uses). Default: ${DEFAULT-VALUE}.")
    String align;

    @Option(names = "--detector", paramLabel = "FILE.onnx",
            description = "YuNet model for --align yunet (default: ../shared/models/yunet.onnx).")
    Path detector;

    @Option(names = "--no-face", paramLabel = "skip|centre", defaultValue = "skip",
            description = "Images without a detected face: skip (listed) or embed the centre crop. Default: ${DEFAULT-VALUE}.")
    String noFace;

    @Option(names = "--flip", description = "Test-time flip: mean of the embeddings of the image and its mirror.")
    boolean flip;

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

    @Option(names = "--strict", description = "Stop at the first corrupt or unreadable image (default: skip, list and count it).")
    boolean strict;

    /** The opened models; close it to release ONNX Runtime sessions. */
    static final class Opened implements AutoCloseable {
        final FaceEmbedder embedder;
        final YuNetDetector detector;
        final FolderEmbedder folder;

        Opened(FaceEmbedder embedder, YuNetDetector detector, FolderEmbedder folder) {
            this.embedder = embedder;
            this.detector = detector;
            this.folder = folder;
        }

        @Override
        public void close() {
            embedder.close();
            if (detector != null) {
                detector.close();
            }
        }
    }

    /**
     * Opens the embedder (and the detector for {@code --align yunet}).
     *
     * @param notices receives what the user should be told (a model recognised by its SHA-256)
     * @return the opened models
     * @throws IOException if a model cannot be read
     * @throws IllegalArgumentException for missing or contradictory options
     */
    Opened open(java.util.function.Consumer<String> notices) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("--model FILE.onnx is required");
        }
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("--model " + model + ": no such file");
        }
        if (rgb && bgr) {
            throw new IllegalArgumentException("give --rgb or --bgr, not both");
        }
        ChannelOrder order = rgb ? ChannelOrder.RGB : bgr ? ChannelOrder.BGR : null;
        FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(model)
                .optPreprocessing(PreprocessingStatement.of(input, order, mean, std)).optNotices(notices)
                .optFlip(flip).optBatchSize(batch).build();
        try {
            switch (align) {
                case "none":
                    return new Opened(embedder, null, new FolderEmbedder(embedder, null, CorruptImagePolicy.of(strict)));
                case "yunet": {
                    Path det = Optional.ofNullable(detector).orElseGet(() -> SharedResources.resolve("models/yunet.onnx"));
                    YuNetDetector yunet = YuNetDetector.builder().setModelPath(det).build();
                    FacePipeline.NoFacePolicy policy = switch (noFace) {
                        case "skip" -> FacePipeline.NoFacePolicy.SKIP;
                        case "centre", "center" -> FacePipeline.NoFacePolicy.CENTRE_RESIZE;
                        default -> throw new IllegalArgumentException("--no-face must be skip or centre, got " + noFace);
                    };
                    FacePipeline pipeline = FacePipeline.builder().setDetector(yunet).setEmbedder(embedder).optNoFacePolicy(policy).build();
                    return new Opened(embedder, yunet, new FolderEmbedder(embedder, pipeline, CorruptImagePolicy.of(strict)));
                }
                default:
                    throw new IllegalArgumentException("--align must be yunet or none, got " + align);
            }
        } catch (RuntimeException | IOException e) {
            embedder.close();
            throw e;
        }
    }
}
