package io.polyface.cli.common;

import io.polyface.devtree.SharedResources;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code --detector FILE.onnx} option of the sub-commands that find faces with YuNet ({@code polyface embed},
 * {@code eval --model}, {@code ijb-protocol}, {@code distill}, {@code polyface-spark embed}); a picocli {@code @Mixin}, so the name,
 * label and default ({@code ../shared/models/yunet.onnx} in a development tree) are defined once.
 */
public final class DetectorOption {

    @Option(names = "--detector", paramLabel = "FILE.onnx", description = "YuNet face detector model (default: ../shared/models/yunet.onnx).")
    Path detector;

    /**
     * @return the given model, or {@code ../shared/models/yunet.onnx}
     * @throws IllegalStateException if none was given and the development tree's model is missing
     */
    public Path path() {
        return Optional.ofNullable(detector).orElseGet(() -> SharedResources.resolve("models/yunet.onnx"));
    }
}
