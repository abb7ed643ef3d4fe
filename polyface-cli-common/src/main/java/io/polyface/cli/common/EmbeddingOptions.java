package io.polyface.cli.common;

import io.polyface.core.image.ChannelOrder;
import io.polyface.core.pipeline.EmbeddingSetup;
import io.polyface.core.util.SharedResources;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Options of the sub-commands that embed images with an ONNX model ({@code polyface embed}, {@code polyface eval
 * --model}, {@code polyface-spark embed}), one definition for both command lines; they make an {@link EmbeddingSetup}.
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

    @Option(names = "--strict", description = "Fail on the first unreadable image (naming it) instead of listing it.")
    boolean strict;

    /** @return the {@code --model} file, or null when not given */
    public Path model() {
        return model;
    }

    /**
     * The options as a setup (the detector defaults to {@code ../shared/models/yunet.onnx}, resolved here).
     *
     * @return the setup
     * @throws IllegalArgumentException for missing or contradictory options
     */
    public EmbeddingSetup setup() {
        if (model == null) {
            throw new IllegalArgumentException("--model FILE.onnx is required");
        }
        if (rgb && bgr) {
            throw new IllegalArgumentException("give --rgb or --bgr, not both");
        }
        EmbeddingSetup.Alignment alignment = EmbeddingSetup.Alignment.parse(align);
        String det = null;
        if (alignment == EmbeddingSetup.Alignment.YUNET) {
            det = Optional.ofNullable(detector).orElseGet(() -> SharedResources.resolve("models/yunet.onnx")).toAbsolutePath().toString();
        }
        ChannelOrder order = rgb ? ChannelOrder.RGB : bgr ? ChannelOrder.BGR : null;
        return new EmbeddingSetup(model.toAbsolutePath().toString(), alignment, det, EmbeddingSetup.parseNoFace(noFace), flip, input,
                order, mean, std, batch, strict);
    }

    /**
     * Opens the embedder (and the detector for {@code --align yunet}).
     *
     * @return the opened models; close them to release the ONNX Runtime sessions
     * @throws IOException if a model cannot be read
     * @throws IllegalArgumentException for missing or contradictory options
     */
    public EmbeddingSetup.Opened open() throws IOException {
        return setup().open();
    }
}
