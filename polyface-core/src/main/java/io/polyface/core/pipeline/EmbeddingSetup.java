package io.polyface.core.pipeline;

import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to embed photos with an ONNX model, as data: the model, preprocessing overrides, alignment, the no-face policy,
 * flip and batch size — what {@code bin/polyface embed} and {@code bin/polyface-spark embed} take as options. Paths
 * are kept as strings so that a setup can be sent to other JVMs (polyface-spark opens it once per executor).
 *
 * <p>Preprocessing: each override ({@code inputSize}, {@code channelOrder}, {@code mean}, {@code std}; null = none)
 * replaces the model's PolyFace metadata; a model without metadata gets the ArcFace default (RGB, (px − 127.5)/127.5,
 * 112) for what is not overridden.
 *
 * @param model the embedding model, {@code [N,3,H,W] -> [N,d]}
 * @param align {@link Alignment#YUNET}: detect 5 landmarks and align to the ArcFace template; {@link Alignment#NONE}:
 *     resize the whole image to the model input (bilinear)
 * @param detector the YuNet model for {@link Alignment#YUNET}
 * @param noFace what to do with a photo without a detected face ({@link Alignment#YUNET} only)
 * @param flip test-time flip: mean of the embeddings of the image and its mirror
 * @param inputSize model input size override, or null
 * @param channelOrder channel order override, or null
 * @param mean pixel mean override, or null
 * @param std pixel divisor override, or null
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
     * Opens the embedder (and the detector for {@link Alignment#YUNET}).
     *
     * @return the opened models; close them to release the ONNX Runtime sessions
     * @throws IOException if a model cannot be read
     * @throws IllegalArgumentException if the model file is missing or the preprocessing does not fit the model
     */
    public Opened open() throws IOException {
        Path modelPath = Path.of(model);
        if (!Files.isRegularFile(modelPath)) {
            throw new IllegalArgumentException("--model " + model + ": no such file");
        }
        Preprocessing base = FaceEmbedder.preprocessingFromModel(modelPath).orElse(Preprocessing.of(112, ChannelOrder.RGB, 127.5f, 127.5f));
        int size = inputSize != null ? inputSize : base.inputWidth();
        ChannelOrder order = channelOrder != null ? channelOrder : base.normalization().channelOrder();
        float m = mean != null ? mean : base.normalization().mean()[0];
        float s = std != null ? std : base.normalization().std()[0];
        FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(modelPath).optPreprocessing(Preprocessing.of(size, order, m, s))
                .optFlip(flip).optBatchSize(batchSize).build();
        try {
            if (align == Alignment.NONE) {
                return new Opened(embedder, null, new FolderEmbedder(embedder, null, strict));
            }
            YuNetDetector yunet = YuNetDetector.builder().setModelPath(Path.of(detector)).build();
            FacePipeline pipeline = FacePipeline.builder().setDetector(yunet).setEmbedder(embedder).optNoFacePolicy(noFace).build();
            return new Opened(embedder, yunet, new FolderEmbedder(embedder, pipeline, strict));
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
