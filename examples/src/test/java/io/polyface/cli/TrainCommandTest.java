package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.util.SharedResources;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.NpzArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface train}, called in-process on ORL with a tiny MobileFaceNet (input 32, width 0.25). */
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] args(Path out, String... extra) {
        return command(out, 6, "arcnegface", extra);
    }

    private static String[] command(Path out, int steps, String loss, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", SharedResources.resolve("data/orl").toString(),
                "--arch", "mobilefacenet-tiny", "--input", "32", "--width", "0.25", "--depth", "1,1,1,1", "--embedding", "16",
                "--loss", loss, "--loss-opt", "scale=16", "--steps", Integer.toString(steps), "--batch", "8", "--holdout-ids", "34",
                "--checkpoint-every", "3", "--bn-recalibration", "2", "--seed", "5", "--workers", "2", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void trainsCheckpointsEvaluatesExportsAndResumesExactly(@TempDir Path out) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run(args(out, "--json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode o = JSON.readTree(lines[0]);
        assertThat(o.get("steps").asLong()).isEqualTo(6);
        assertThat(o.get("loss").asDouble()).isPositive();
        assertThat(o.get("images_per_second").asDouble()).isPositive();
        assertThat(o.get("tar").has("0.01")).isTrue();
        assertThat(o.get("tar").get("0.1").asDouble()).isBetween(0.0, 1.0);
        assertThat(o.get("evaluations").get(0).get("genuine_pairs").asLong()).isEqualTo(34 * 45);
        assertThat(run.err()).contains("polyface train:").contains("6 identities, 60 images").contains("train");

        assertThat(CheckpointStore.list(out)).extracting(p -> p.getFileName().toString())
                .containsExactly("checkpoint-00000003", "checkpoint-00000006");
        assertThat(out.resolve("model.onnx")).isRegularFile();
        List<JsonNode> metrics = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            metrics.add(JSON.readTree(l));
        }
        assertThat(metrics.stream().filter(m -> m.get("type").asText().equals("train")).map(m -> m.get("step").asLong()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(metrics.stream().filter(m -> m.get("type").asText().equals("eval"))).hasSize(1);

        // interrupt after step 3: drop the last checkpoint, then --resume continues from checkpoint-00000003
        Map<String, NamedTensor> uninterrupted = NpzArchive.read(out.resolve("checkpoint-00000006/model.npz"));
        deleteTree(out.resolve("checkpoint-00000006"));
        CliTestSupport.Run resumed = CliTestSupport.run(args(out, "--json", "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode r = JSON.readTree(resumed.out().strip());
        assertThat(r.get("steps").asLong()).isEqualTo(6);
        assertThat(r.get("steps_this_run").asLong()).isEqualTo(3);
        assertThat(r.get("resumed_from").asText()).endsWith("checkpoint-00000003");
        assertThat(resumed.err()).contains("resuming at step 3");
        Map<String, NamedTensor> again = NpzArchive.read(out.resolve("checkpoint-00000006/model.npz"));
        assertThat(again.keySet()).isEqualTo(uninterrupted.keySet());
        for (String name : uninterrupted.keySet()) {
            float[] a = uninterrupted.get(name).values();
            float[] b = again.get(name).values();
            for (int i = 0; i < a.length; i++) {
                assertThat((double) Math.abs(a[i] - b[i])).as(name).isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(a[i])));
            }
        }
        List<Long> trainSteps = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode m = JSON.readTree(l);
            if (m.get("type").asText().equals("train")) {
                trainSteps.add(m.get("step").asLong());
            }
        }
        assertThat(trainSteps).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void textReportAndRefusalToOverwriteARun(@TempDir Path out) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run(command(out, 2, "arcnegface", "--no-progress"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trained 2 steps").contains("held-out (1530 genuine").contains("TAR@FAR=0.01")
                .contains("model.onnx");
        CliTestSupport.Run again = CliTestSupport.run(args(out, "--no-progress"));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds checkpoints; pass --resume");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path out) {
        CliTestSupport.Run unknownLoss = CliTestSupport.run(command(out, 6, "magic"));
        assertThat(unknownLoss.exitCode()).isEqualTo(2);
        assertThat(unknownLoss.err().strip()).startsWith("polyface train: error: unknown loss 'magic'").doesNotContain("\n");
        CliTestSupport.Run both = CliTestSupport.run(args(out, "--epochs", "2"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--steps=N | --epochs=E");
        CliTestSupport.Run gpu = CliTestSupport.run(args(out, "--device", "tpu"));
        assertThat(gpu.exitCode()).isEqualTo(2);
        assertThat(gpu.err()).contains("device must be cpu, gpu, gpu:all or gpu:0,1");
        CliTestSupport.Run budget = CliTestSupport.run(args(out, "--memory-budget", "1k"));
        assertThat(budget.exitCode()).isEqualTo(2);
        assertThat(budget.err()).contains("over the budget of 1,024 B");
        CliTestSupport.Run help = CliTestSupport.run("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("bin/polyface train --data ../shared/data/orl").contains("--resume").contains("--holdout-ids");
    }
}
