package io.polyface.core.pipeline;

import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.CorruptImagePolicy;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to embed photos with an ONNX model, as data: the model, preprocessing overrides, alignment, the no-face policy,
 * flip and batch size — what {@code bin/polyface embed} and {@code bin/polyface-spark embed} take as options. Paths
 * are kept as strings so that a setup can be sent to other JVMs (polyface-spark opens it once per executor).
 *
 * <p>Preprocessing: {@code inputSize}, {@code channelOrder}, {@code mean}, {@code std} (null = not stated) are a
 * {@link PreprocessingStatement} checked by core's rule ({@link io.polyface.core.embed.ModelPreprocessing}): a model's
 * metadata, or a model known by its SHA-256, decides and a contradicting statement is refused; any other model needs
 * them stated.
 *
 * @param model the embedding model, {@code [N,3,H,W] -> [N,d]}
 * @param align {@link Alignment#YUNET}: detect 5 landmarks and align to the ArcFace template; {@link Alignment#NONE}:
 *     resize the whole image to the model input (bilinear)
 * @param detector the YuNet model for {@link Alignment#YUNET}
 * @param noFace what to do with a photo without a detected face ({@link Alignment#YUNET} only)
 * @param flip test-time flip: mean of the embeddings of the image and its mirror
 * @param inputSize stated model input size, or null
 * @param channelOrder stated channel order, or null
 * @param mean stated pixel mean, or null
 * @param std stated pixel divisor, or null
 * @param batchSize faces per ONNX Runtime call, {@code >= 1}
 * @param strict whether an unreadable image fails the run (naming it) instead of being listed
 */
public record EmbeddingSetup(String model, Alignment align, String detector, FacePipeline.NoFacePolicy noFace, boolean flip,
                             Integer inputSize, ChannelOrder channelOrder, Float mean, Float std, int batchSize, boolean strict)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How photos are brought to the model input. */
    public enum Alignment {
        /** YuNet landmarks, similarity transform onto the ArcFace template. */
        YUNET,
        /** The whole photo resized to the model input. */
        NONE;

        /**
         * Parses {@code yunet} or {@code none}.
         *
         * @param text the name
         * @return the alignment
         * @throws IllegalArgumentException naming the option and the expected values
         */
        public static Alignment parse(String text) {
            return switch (text) {
                case "yunet" -> YUNET;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--align must be yunet or none, got " + text);
            };
        }
    }

    /**
     * Validates the setup.
     *
     * @throws IllegalArgumentException if the model or alignment is missing, the detector is missing for YuNet or the
     *     batch size is below 1
     */
    public EmbeddingSetup {
        if (model == null) {
            throw new IllegalArgumentException("--model FILE.onnx is required");
        }
        if (align == null) {
            throw new IllegalArgumentException("align is null; expected YUNET or NONE");
        }
        if (align == Alignment.YUNET && (detector == null || noFace == null)) {
            throw new IllegalArgumentException("--align yunet needs a detector model and a no-face policy");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch " + batchSize + ": expected >= 1");
        }
    }

    /**
     * Parses the {@code --no-face} option.
     *
     * @param text {@code skip} or {@code centre} ({@code center})
     * @return the policy
     * @throws IllegalArgumentException naming the option and the expected values
     */
    public static FacePipeline.NoFacePolicy parseNoFace(String text) {
        return switch (text) {
            case "skip" -> FacePipeline.NoFacePolicy.SKIP;
            case "centre", "center" -> FacePipeline.NoFacePolicy.CENTRE_RESIZE;
            default -> throw new IllegalArgumentException("--no-face must be skip or centre, got " + text);
        };
    }

    /**
     * Opens the embedder (and the detector for {@link Alignment#YUNET}); notices (a model recognised by its SHA-256)
     * are dropped — executors use this after the driver has opened the setup once with {@link #open(Consumer)}.
     *
     * @return the opened models; close them to release the ONNX Runtime sessions
     * @throws IOException if a model cannot be read ({@link NoSuchFileException} if it does not exist)
     * @throws IllegalArgumentException if the preprocessing stated contradicts the model's, or is needed and missing
     */
    public Opened open() throws IOException {
        return open(notice -> { });
    }

    /**
     * Opens the embedder (and the detector for {@link Alignment#YUNET}).
     *
     * @param notices receives what the user should be told (a model recognised by its SHA-256)
     * @return the opened models; close them to release the ONNX Runtime sessions
     * @throws IOException if a model cannot be read ({@link NoSuchFileException} if it does not exist)
     * @throws IllegalArgumentException if the preprocessing stated contradicts the model's, or is needed and missing
     */
    public Opened open(Consumer<String> notices) throws IOException {
        Path modelPath = Path.of(model);
        if (!Files.isRegularFile(modelPath)) {
            throw new NoSuchFileException(model, null, "expected an ONNX embedding model");
        }
        FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(modelPath)
                .optPreprocessing(PreprocessingStatement.of(inputSize, channelOrder, mean, std)).optNotices(notices)
                .optFlip(flip).optBatchSize(batchSize).build();
        try {
            if (align == Alignment.NONE) {
                return new Opened(embedder, null, new FolderEmbedder(embedder, null, CorruptImagePolicy.of(strict)));
            }
            YuNetDetector yunet = YuNetDetector.builder().setModelPath(Path.of(detector)).build();
            FacePipeline pipeline = FacePipeline.builder().setDetector(yunet).setEmbedder(embedder).optNoFacePolicy(noFace).build();
            return new Opened(embedder, yunet, new FolderEmbedder(embedder, pipeline, CorruptImagePolicy.of(strict)));
        } catch (RuntimeException | IOException e) {
            embedder.close();
            throw e;
        }
    }

    /**
     * The opened models of a setup. Thread-safe (the embedder and detector are); close once.
     *
     * @param embedder the embedding model
     * @param detector the detector, or null without alignment
     * @param folder the embedder of image folders and lists
     */
    public record Opened(FaceEmbedder embedder, YuNetDetector detector, FolderEmbedder folder) implements AutoCloseable {
        @Override
        public void close() {
            embedder.close();
            if (detector != null) {
                detector.close();
            }
        }
    }
}
