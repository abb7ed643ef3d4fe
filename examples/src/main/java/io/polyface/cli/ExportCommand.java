package io.polyface.cli;

import io.polyface.cli.common.Json;
import io.polyface.cli.common.JsonOutput;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.onnx.ModelMetadata;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.export.OnnxModelExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code polyface export}: writes the ONNX model of a training checkpoint
 * ({@link OnnxModelExport#exportCheckpoint}, the export {@code polyface train} runs at its end).
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Exports a training checkpoint to ONNX: the inference graph (opset 17, dynamic batch) with the",
            "preprocessing, resize rule, spec, FLOPs and training provenance in its metadata, written atomically.",
            "--checkpoint takes a checkpoint-NNNNNNNN folder or a `polyface train --out` folder (its latest",
            "checkpoint). The model from the final checkpoint equals the run's model.onnx. With --json standard",
            "output carries one JSON object.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface export --checkpoint /tmp/orl-run/checkpoint-00000030 --out /tmp/orl.onnx",
            "  bin/polyface export --checkpoint /tmp/orl-run --out /tmp/orl.onnx --json",
            "  (then e.g. bin/polyface embed --model /tmp/orl.onnx --images ../shared/data/orl --out orl.feat)",
        })
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "A checkpoint-NNNNNNNN folder, or a training output folder (its latest checkpoint is exported).")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write (replaced atomically).")
    Path out;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = resolve(checkpoint);
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; give the .onnx file name");
        }
        long start = System.nanoTime();
        ModelMetadata m = OnnxModelExport.exportCheckpoint(dir, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        Checkpoint c = CheckpointStore.read(dir);
        long params = FlopsCounter.count(c.metadata().spec().forInference()).params();
        long bytes = Files.size(out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", out.toAbsolutePath().normalize().toString());
            o.put("bytes", bytes);
            o.put("checkpoint", dir.toAbsolutePath().normalize().toString());
            o.put("step", c.metadata().step());
            o.put("arch", c.metadata().spec().name());
            o.put("embedding_size", m.embeddingSize());
            o.put("input", List.of(3, m.preprocessing().inputHeight(), m.preprocessing().inputWidth()));
            o.put("channel_order", m.preprocessing().normalization().channelOrder().name());
            o.put("mean", (double) m.preprocessing().normalization().mean()[0]);
            o.put("std", (double) m.preprocessing().normalization().std()[0]);
            o.put("flops", m.flops());
            o.put("flops_convention", m.flopsConvention().id());
            o.put("params", params);
            o.put("seconds", seconds);
            stdout.println(Json.line(o));
        } else {
            stdout.printf(Locale.ROOT, "exported %s (%s, step %d) to %s: %,d bytes%n", dir, c.metadata().spec().name(),
                    c.metadata().step(), out, bytes);
            stdout.printf(Locale.ROOT, "  %d-d embedding; input %s; %,d FLOPs (%s), %,d parameters%n",
                    m.embeddingSize(), m.preprocessing().describe(), m.flops(), m.flopsConvention().id(), params);
        }
        stdout.flush();
        return 0;
    }

    /** A checkpoint folder as given, or the latest checkpoint of a run folder. */
    private static Path resolve(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a checkpoint folder or a training output folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--checkpoint " + dir + " is a file; expected a checkpoint folder or a training output folder");
        }
        if (Files.isRegularFile(dir.resolve(Checkpoint.METADATA))) {
            return dir;
        }
        Optional<Path> latest = CheckpointStore.latest(dir);
        if (latest.isEmpty()) {
            throw new IllegalArgumentException("--checkpoint " + dir + " is not a checkpoint folder (no " + Checkpoint.METADATA
                    + ") and holds no checkpoint-NNNNNNNN folder");
        }
        return latest.get();
    }
}
