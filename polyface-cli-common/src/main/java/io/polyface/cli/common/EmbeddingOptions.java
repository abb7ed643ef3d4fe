package io.polyface.cli;

import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
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
 * Preprocessing flags override the model's PolyFace metadata; a model without metadata needs them (or gets the
 * ArcFace default RGB, (px − 127.5)/127.5, 112).
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
     * @return the opened models
     * @throws IOException if a model cannot be read
     * @throws IllegalArgumentException for missing or contradictory options
     */
    Opened open() throws IOException {
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
        FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(model).optPreprocessing(Preprocessing.of(size, order, m, s))
                .optFlip(flip).optBatchSize(batch).build();
        try {
            switch (align) {
                case "none":
                    return new Opened(embedder, null, new FolderEmbedder(embedder, null));
                case "yunet": {
                    Path det = Optional.ofNullable(detector).orElseGet(() -> SharedResources.resolve("models/yunet.onnx"));
                    YuNetDetector yunet = YuNetDetector.builder().setModelPath(det).build();
                    FacePipeline.NoFacePolicy policy = switch (noFace) {
                        case "skip" -> FacePipeline.NoFacePolicy.SKIP;
                        case "centre", "center" -> FacePipeline.NoFacePolicy.CENTRE_RESIZE;
                        default -> throw new IllegalArgumentException("--no-face must be skip or centre, got " + noFace);
                    };
                    FacePipeline pipeline = FacePipeline.builder().setDetector(yunet).setEmbedder(embedder).optNoFacePolicy(policy).build();
                    return new Opened(embedder, yunet, new FolderEmbedder(embedder, pipeline));
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
