package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.eval.Parity;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.devtree.SharedResources;
import io.polyface.train.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface export}, in-process, on a tiny MobileFaceNet trained for 2 steps on ORL (as in TrainCommandTest). */
class ExportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static float[][] embed(Path model, List<RgbImage> faces) throws Exception {
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(model).build()) {
            int w = e.preprocessing().inputWidth();
            int h = e.preprocessing().inputHeight();
            return e.embed(faces.stream().map(f -> f.resize(w, h)).toList());
        }
    }

    @Test
    void exportsTheFinalCheckpointAsTheRunsModelAndEarlierOnesAsThemselves(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRun train = CliTestSupport.runOk(CliTestSupport.tinyTraining(
                "--loss", "arcnegface", "--steps", "2", "--batch", "8", "--holdout-ids", "34",
                "--checkpoint-every", "1", "--bn-recalibration", "2", "--seed", "5", "--workers", "2", "--no-progress",
                "--out", run.toString()));
        assertThat(CheckpointStore.list(run)).hasSize(2);

        // the run folder: its latest checkpoint (step 2), the one model.onnx was written from
        Path exported = tmp.resolve("out/final.onnx");
        CliRun export = CliTestSupport.runOk("export", "--checkpoint", run.toString(), "--out", exported.toString(), "--json");
        String[] lines = export.out().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode o = JSON.readTree(lines[0]);
        assertThat(o.get("path").asText()).isEqualTo(exported.toAbsolutePath().normalize().toString());
        assertThat(o.get("bytes").asLong()).isEqualTo(Files.size(exported)).isPositive();
        assertThat(o.get("checkpoint").asText()).endsWith("checkpoint-00000002");
        assertThat(o.get("step").asLong()).isEqualTo(2);
        assertThat(o.get("embedding_size").asInt()).isEqualTo(16);
        assertThat(o.get("input").toString()).isEqualTo("[3,32,32]");
        assertThat(o.get("flops_convention").asText()).isEqualTo(Convention.LFR.id());
        var spec = CheckpointStore.read(CheckpointStore.latest(run).orElseThrow()).metadata().spec().forInference();
        assertThat(o.get("flops").asLong()).isEqualTo(FlopsCounter.count(spec).flops(Convention.LFR));
        assertThat(o.get("params").asLong()).isEqualTo(FlopsCounter.count(spec).params());

        List<RgbImage> faces = new ArrayList<>();
        for (String f : List.of("s1/1.pgm", "s1/2.pgm", "s2/1.pgm", "s9/5.pgm")) {
            faces.add(ImageDecoder.read(SharedResources.resolve("data/orl/" + f)));
        }
        float[][] fromTraining = embed(run.resolve("model.onnx"), faces);
        float[][] fromExport = embed(exported, faces);
        assertThat(Parity.maxRelativeL2(fromExport, fromTraining)).isLessThanOrEqualTo(1e-5);

        // an earlier checkpoint exports its own (different) weights; text output names file and figures
        Path early = tmp.resolve("early.onnx");
        CliRun first = CliTestSupport.runOk("export", "--checkpoint", run.resolve("checkpoint-00000001").toString(),
                "--out", early.toString());
        assertThat(first.out()).contains("step 1").contains(early.toString()).contains("16-d embedding").contains("FLOPs (lfr)");
        assertThat(Parity.maxRelativeL2(embed(early, faces), fromTraining)).isGreaterThan(1e-4);
    }

    @Test
    void badCheckpointIsOneLineNamingThePath(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("no-such-run");
        CliRun none = CliTestSupport.run("export", "--checkpoint", missing.toString(), "--out", tmp.resolve("m.onnx").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("polyface export: error: ").contains(missing.toString()).doesNotContain("\n");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun notCheckpoint = CliTestSupport.run("export", "--checkpoint", empty.toString(), "--out", tmp.resolve("m.onnx").toString());
        assertThat(notCheckpoint.exitCode()).isEqualTo(2);
        assertThat(notCheckpoint.err().strip()).contains(empty.toString()).contains("not a checkpoint folder").doesNotContain("\n");

        Path broken = Files.createDirectories(tmp.resolve("checkpoint-00000004"));
        Files.writeString(broken.resolve("metadata.json"), "{not json");
        CliRun corrupt = CliTestSupport.run("export", "--checkpoint", broken.toString(), "--out", tmp.resolve("m.onnx").toString());
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.err().strip()).startsWith("polyface export: error: ").contains(broken.toString()).doesNotContain("\n");
        assertThat(tmp.resolve("m.onnx")).doesNotExist();

        CliRun help = CliTestSupport.run("export", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("bin/polyface export --checkpoint").contains("--json");
        assertThat(CliTestSupport.run("--help").out()).contains("export");
    }
}
