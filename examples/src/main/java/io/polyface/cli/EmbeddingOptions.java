package io.polyface.cli;

import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FolderEmbedder;
import io.polyface.core.util.SharedResources;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Options of the sub-commands that embed an image folder with an ONNX model ({@code embed}, {@code eval --model}):
 * the model and its preprocessing ({@link EmbedderOptions}) and how faces are found and aligned.
 */
public final class EmbeddingOptions {

    @Mixin
    EmbedderOptions embedder;

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
    Opened open(Consumer<String> notices) throws IOException {
        FaceEmbedder embedder = this.embedder.open(true, false, notices);
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
