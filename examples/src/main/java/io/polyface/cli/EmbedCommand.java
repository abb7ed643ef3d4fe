package io.polyface.cli;

import io.polyface.cli.common.EmbeddingOptions;
import io.polyface.cli.common.EmbeddingSummary;
import io.polyface.cli.common.Progress;
import io.polyface.cli.common.ResultCommand;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.pipeline.EmbeddingSetup;
import io.polyface.core.pipeline.FolderEmbeddings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code polyface embed}: an image folder → an LFR feature file plus row lists. */
@Command(name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds every image of a folder with an ONNX model into an LFR feature file.",
            "Images under DIR (recursively, sorted; decoded by content) are embedded; it writes an LFR",
            "feature file (16-byte header, float32 rows) plus FILE.list (each row's path relative to DIR) and FILE.labels",
            "(each row's identity = first path component). Unreadable images and images without a face are listed on",
            "standard error and in the summary; the run fails if none could be embedded.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface embed --model ../shared/models/fr_feature.onnx --images ../shared/data/orl --out orl.feat",
            "  bin/polyface embed --model out/model.onnx --images faces/ --align none --flip --out faces.feat --json",
        })
public final class EmbedCommand extends ResultCommand {

    @Mixin
    EmbeddingOptions embedding;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images (one sub-folder per identity).")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "LFR feature file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        long start = System.nanoTime();
        FolderEmbeddings result;
        try (EmbeddingSetup.Opened opened = embedding.open(Notices.to(spec, "embed"))) {
            result = opened.folder().embed(images, Progress.printer(err, "polyface embed", "images"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LfrFeatureFile.write(out, result.features());
        writeLines(Path.of(out + ".list"), result.paths());
        writeLines(Path.of(out + ".labels"), result.labels());
        new EmbeddingSummary(out, result.features().rows(), result.features().cols(), result.labels().stream().distinct().count(),
                result.unreadable(), result.noFace(), result.centreResized(), seconds).print(out(), err,
                "polyface embed", json.enabled(), Map.of());
        return 0;
    }

    private static void writeLines(Path file, List<String> lines) throws java.io.IOException {
        AtomicFileWriter.write(file, o -> {
            for (String l : lines) {
                o.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
