package io.polyface.cli;

import io.polyface.cli.common.Json;
import io.polyface.cli.common.ResultCommand;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.onnx.OnnxMetadataStamp;
import io.polyface.core.onnx.OnnxModelDescription;
import io.polyface.train.checkpoint.CheckpointDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** {@code polyface inspect}: what a model or checkpoint says about itself; stamps preprocessing into a foreign model. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Prints what an ONNX model or a checkpoint says about itself: inputs and outputs, preprocessing (and",
            "where it comes from: the model's metadata, a model PolyFace knows by its SHA-256, or none),",
            "architecture, FLOPs with their convention, and the run provenance (recipe, seed, data identity =",
            "SHA-256 over the training files' paths, sizes and hashes, code version, start, end, steps).",
            "With --set-preprocessing and --out, writes a copy of a model without preprocessing metadata",
            "with it stamped in, so that it need not be stated on every command.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface inspect ../shared/models/fr_feature.onnx",
            "  bin/polyface inspect /tmp/orl-run/checkpoint-00000030 --json",
            "  bin/polyface inspect foreign.onnx --set-preprocessing 112,RGB,127.5,127.5 --out foreign-stamped.onnx",
        })
final class InspectCommand extends ResultCommand {

    @Parameters(index = "0", paramLabel = "MODEL.onnx|CHECKPOINT", description = "An ONNX model, a checkpoint folder or a run folder.")
    Path target;

    @Option(names = "--set-preprocessing", paramLabel = "SIZE,ORDER,MEAN,STD",
            description = "Stamp this preprocessing into a copy of the model (needs --out), e.g. 112,RGB,127.5,127.5.")
    String setPreprocessing;

    @Option(names = "--out", paramLabel = "FILE.onnx", description = "Where --set-preprocessing writes the stamped model.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((setPreprocessing == null) != (out == null)) {
            throw new IllegalArgumentException("--set-preprocessing and --out go together");
        }
        Path described = target;
        if (setPreprocessing != null) {
            Preprocessing p;
            try {
                p = Preprocessing.parse(setPreprocessing);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--set-preprocessing " + e.getMessage(), e);
            }
            OnnxMetadataStamp.withPreprocessing(target, p, out);
            described = out;
        }
        Map<String, Object> d = Files.isDirectory(described) ? CheckpointDescription.describe(described)
                : OnnxModelDescription.describe(described);
        json.print(out(), () -> d, o -> {
            if (setPreprocessing != null) {
                o.println("wrote " + out + " with preprocessing " + setPreprocessing);
            }
            d.forEach((k, v) -> o.println(k + ": " + text(v)));
        });
        return 0;
    }

    private static String text(Object v) {
        return v instanceof Map<?, ?> || v instanceof Collection<?> || v instanceof com.fasterxml.jackson.databind.JsonNode
                ? Json.line(v) : String.valueOf(v);
    }
}
