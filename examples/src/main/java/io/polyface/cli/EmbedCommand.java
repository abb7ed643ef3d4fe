package io.polyface.cli;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.pipeline.FolderEmbeddings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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
public final class EmbedCommand implements Callable<Integer> {

    @Mixin
    EmbeddingOptions embedding;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images (one sub-folder per identity).")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "LFR feature file to write.")
    Path out;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        FolderEmbeddings result;
        try (EmbeddingOptions.Opened opened = embedding.open(Notices.to(spec, "embed"))) {
            result = opened.folder.embed(images, Progress.printer(err, "polyface embed", "images"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LfrFeatureFile.write(out, result.features());
        writeLines(Path.of(out + ".list"), result.paths());
        writeLines(Path.of(out + ".labels"), result.labels());
        for (String u : result.unreadable()) {
            err.println("polyface embed: unreadable: " + u);
        }
        for (String n : result.noFace()) {
            err.println("polyface embed: no face: " + n);
        }
        err.flush();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("features", out.toString());
        summary.put("embedded", result.features().rows());
        summary.put("dimension", result.features().cols());
        summary.put("identities", result.labels().stream().distinct().count());
        summary.put("unreadable", result.unreadable().size());
        summary.put("no_face", result.noFace().size());
        summary.put("centre_resized", result.centreResized().size());
        summary.put("seconds", seconds);
        summary.put("images_per_second", result.features().rows() / seconds);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.line(summary));
        } else {
            o.printf(Locale.ROOT, "embedded %d images (%d identities, dimension %d) into %s in %.1f s (%.1f images/s);"
                            + " %d unreadable, %d without a face, %d centre-resized%n",
                    result.features().rows(), summary.get("identities"), result.features().cols(), out, seconds,
                    result.features().rows() / seconds, result.unreadable().size(), result.noFace().size(),
                    result.centreResized().size());
        }
        o.flush();
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
