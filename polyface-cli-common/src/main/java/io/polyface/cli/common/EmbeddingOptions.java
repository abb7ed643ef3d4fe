package io.polyface.cli.common;

import io.polyface.core.image.ChannelOrder;
import io.polyface.core.pipeline.EmbeddingSetup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Options of the sub-commands that embed images with an ONNX model ({@code polyface embed}, {@code polyface eval
 * --model}, {@code polyface-spark embed}), one definition for both command lines: the model and its preprocessing
 * ({@link EmbedderOptions}) and how faces are found and aligned; they make an {@link EmbeddingSetup}. The
 * preprocessing flags are a statement checked by core's rule ({@code io.polyface.core.embed.ModelPreprocessing}).
 */
public final class EmbeddingOptions {

    @Mixin
    EmbedderOptions embedder;

    @Option(names = "--align", paramLabel = "yunet|none", defaultValue = "yunet",
            description = "yunet: detect 5 landmarks and align to the 112x112 ArcFace template; none: resize the whole image "
                    + "to the model input with bilinear resize (the rule training uses). Default: ${DEFAULT-VALUE}.")
    String align;

    /** The YuNet model of {@code --align yunet}. */
    @Mixin
    DetectorOption detector;

    @Option(names = "--no-face", paramLabel = "skip|centre", defaultValue = "skip",
            description = "Images without a detected face: skip (listed) or embed the centre crop. Default: ${DEFAULT-VALUE}.")
    String noFace;

    @Option(names = "--strict", description = "Stop at the first corrupt or unreadable image, naming it (default: skip, list and count it).")
    boolean strict;

    /** @return the {@code --model} file, or null when not given */
    public Path model() {
        return embedder.model();
    }

    /**
     * The options as a setup (the detector defaults to {@code ../shared/models/yunet.onnx}, resolved here).
     *
     * @return the setup
     * @throws IllegalArgumentException for missing or contradictory options
     */
    public EmbeddingSetup setup() {
        if (embedder.model == null) {
            throw new IllegalArgumentException("--model FILE.onnx is required");
        }
        ChannelOrder order = embedder.statement().channelOrder();
        EmbeddingSetup.Alignment alignment = EmbeddingSetup.Alignment.parse(align);
        String det = null;
        if (alignment == EmbeddingSetup.Alignment.YUNET) {
            det = detector.path().toAbsolutePath().toString();
        }
        return new EmbeddingSetup(embedder.model.toAbsolutePath().toString(), alignment, det, EmbeddingSetup.parseNoFace(noFace),
                embedder.flip(false), embedder.input, order, embedder.mean, embedder.std, embedder.batch(), strict);
    }

    /**
     * Opens the embedder (and the detector for {@code --align yunet}).
     *
     * @param notices receives what the user should be told (a model recognised by its SHA-256)
     * @return the opened models; close them to release the ONNX Runtime sessions
     * @throws IOException if a model cannot be read ({@link java.nio.file.NoSuchFileException} if it does not exist)
     * @throws IllegalArgumentException for missing or contradictory options
     */
    public EmbeddingSetup.Opened open(Consumer<String> notices) throws IOException {
        return setup().open(notices);
    }
}
