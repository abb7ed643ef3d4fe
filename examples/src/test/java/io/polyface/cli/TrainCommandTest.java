package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.devtree.SharedResources;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.NpzArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface train}, called in-process on ORL with a tiny MobileFaceNet (input 32, width 0.25). */
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] args(Path out, String... extra) {
        return command(out, 6, "arcnegface", extra);
    }

    /** The base command; an option in {@code extra} replaces the base's value of that option. */
    private static String[] command(Path out, int steps, String loss, String... extra) {
        List<String> base = List.of("--data", SharedResources.resolve("data/orl").toString(),
                "--arch", "mobilefacenet-tiny", "--input", "32", "--width", "0.25", "--depth", "1,1,1,1", "--embedding", "16",
                "--loss", loss, "--loss-opt", "scale=16", "--steps", Integer.toString(steps), "--batch", "8", "--holdout-ids", "34",
                "--checkpoint-every", "3", "--bn-recalibration", "2", "--seed", "5", "--workers", "2", "--out", out.toString());
        List<String> a = new ArrayList<>(List.of("train"));
        for (int i = 0; i < base.size(); i += 2) {
            if (!List.of(extra).contains(base.get(i))) {
                a.add(base.get(i));
                a.add(base.get(i + 1));
            }
        }
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void trainsCheckpointsEvaluatesExportsAndResumesExactly(@TempDir Path out) throws Exception {
        CliRun run = CliTestSupport.run(args(out, "--json"));
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
        // the data: ORL's 40 identities x 10 images, the last 34 held out
        assertThat(o.at("/data/images").asInt()).isEqualTo(400);
        assertThat(o.at("/data/identities").asInt()).isEqualTo(40);
        assertThat(o.at("/data/train_images").asInt()).isEqualTo(60);
        assertThat(o.at("/data/train_identities").asInt()).isEqualTo(6);
        assertThat(o.at("/data/heldout_images").asInt()).isEqualTo(340);
        assertThat(o.at("/data/heldout_identities").asInt()).isEqualTo(34);
        assertThat(o.get("batch").asInt()).isEqualTo(8);
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
        AtomicFileWriter.deleteTree(out.resolve("checkpoint-00000006"));
        CliRun resumed = CliTestSupport.run(args(out, "--json", "--resume"));
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

        // resuming the finished run trains nothing and says so, with the loss of its last step (not "NaN")
        double lastLoss = JSON.readTree(Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"train\"")).reduce((a, b) -> b).orElseThrow()).get("loss").asDouble();
        CliRun finished = CliTestSupport.run(args(out, "--json", "--resume"));
        assertThat(finished.exitCode()).as(finished.err()).isZero();
        JsonNode f = JSON.readTree(finished.out().strip());
        assertThat(f.get("steps_this_run").asLong()).isZero();
        assertThat(f.get("loss").isNumber()).as(f.toString()).isTrue();
        assertThat(f.get("loss").asDouble()).isEqualTo(lastLoss);
        assertThat(f.get("mean_loss_last_epoch").isNull()).isTrue();
        CliRun finishedText = CliTestSupport.run(args(out, "--resume", "--no-progress"));
        assertThat(finishedText.exitCode()).as(finishedText.err()).isZero();
        assertThat(finishedText.out()).contains("nothing to train").contains("had already completed all 6 steps").doesNotContain("NaN");
    }

    @Test
    void textReportAndRefusalToOverwriteARun(@TempDir Path out) throws Exception {
        CliRun run = CliTestSupport.run(command(out, 2, "arcnegface", "--no-progress"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trained 2 steps").contains("held-out (1530 genuine").contains("TAR@FAR=0.01")
                .contains("model.onnx");
        CliRun again = CliTestSupport.run(args(out, "--no-progress"));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds checkpoints; pass --resume");
    }

    @Test
    void inputsAreCheckedBeforeTheFirstStep(@TempDir Path out) throws Exception {
        Path run = out.resolve("run");
        Path missing = out.resolve("missing.bin");
        CliRun noBin = CliTestSupport.run(args(run, "--eval-bin", missing.toString()));
        assertThat(noBin.exitCode()).isEqualTo(2);
        assertThat(noBin.err().strip()).isEqualTo("polyface train: error: --eval-bin " + missing
                + ": no such file (expected an InsightFace verification .bin)");
        Path genuineOnly = SharedResources.resolve("data/insightface/small_lfw.bin");
        CliRun noImpostor = CliTestSupport.run(args(run, "--eval-bin", genuineOnly.toString()));
        assertThat(noImpostor.exitCode()).isEqualTo(2);
        assertThat(noImpostor.err().strip()).isEqualTo("polyface train: error: --eval-bin " + genuineOnly
                + ": 10 genuine and 0 impostor pairs; a verification set needs both to measure TAR at a FAR");
        assertThat(run.resolve("metrics.jsonl")).doesNotExist();
        assertThat(CheckpointStore.list(run)).isEmpty();

        Path file = Files.writeString(out.resolve("a-file"), "x");
        CliRun notAFolder = CliTestSupport.run(args(file.resolve("run")));
        assertThat(notAFolder.exitCode()).isEqualTo(2);
        assertThat(notAFolder.err().strip()).startsWith("polyface train: error: --out " + file.resolve("run") + ": ")
                .endsWith(file + " exists and is not a folder");
        CliRun noInit = CliTestSupport.run(args(run, "--init-from", out.resolve("nothing").toString()));
        assertThat(noInit.exitCode()).isEqualTo(2);
        assertThat(noInit.err()).contains("--init-from " + out.resolve("nothing") + ": no such file or folder");
    }

    @Test
    void aBatchLargerThanTheTrainingSetIsSaidAndUsed(@TempDir Path out) throws Exception {
        CliRun run = CliTestSupport.run(command(out, 1, "arcnegface", "--batch", "64", "--json", "--no-progress",
                "--bn-recalibration", "0"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 steps of 60 (all the training images: --batch 64 is more than there are)");
        JsonNode o = JSON.readTree(run.out().strip());
        assertThat(o.get("batch").asInt()).isEqualTo(60);
        assertThat(o.get("images").asLong()).isEqualTo(60);
    }

    /** Cuts a zip file right before its second local entry header (a zip-entry boundary). */
    private static void cutBeforeSecondEntry(Path zip) throws Exception {
        byte[] b = Files.readAllBytes(zip);
        for (int i = 1; i + 4 <= b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4) {
                Files.write(zip, java.util.Arrays.copyOf(b, i));
                return;
            }
        }
        throw new IllegalStateException("one entry only in " + zip);
    }

    @Test
    void damagedCheckpointsAreSkippedWithAWarningOrRefusedNamingTheFile(@TempDir Path out) throws Exception {
        CliRun first = CliTestSupport.run(args(out, "--no-progress", "--bn-recalibration", "0"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        cutBeforeSecondEntry(out.resolve("checkpoint-00000006/optimizer.npz"));
        Files.createDirectories(out.resolve(".checkpoint-00000009.4711")); // left by a kill -9 of an earlier version
        CliRun resumed = CliTestSupport.run(args(out, "--no-progress", "--bn-recalibration", "0", "--resume", "--json"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("polyface train: warning: checkpoint-00000006 cannot be trusted (optimizer.npz: ")
                .contains("resuming from checkpoint-00000003 instead").contains(".checkpoint-00000009.4711")
                .contains("resuming at step 3");
        assertThat(JSON.readTree(resumed.out().strip()).get("steps_this_run").asLong()).isEqualTo(3);

        for (String c : List.of("checkpoint-00000003", "checkpoint-00000006")) {
            Path model = out.resolve(c).resolve("model.npz");
            Files.write(model, java.util.Arrays.copyOf(Files.readAllBytes(model), (int) Files.size(model) / 2));
        }
        CliRun refused = CliTestSupport.run(args(out, "--no-progress", "--resume"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("polyface train: error: " + out.resolve("checkpoint-00000006/model.npz") + ": ")
                .contains("cut short").contains("no intact checkpoint to resume from").doesNotContain("\n");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path out) {
        CliRun unknownLoss = CliTestSupport.run(command(out, 6, "magic"));
        assertThat(unknownLoss.exitCode()).isEqualTo(2);
        assertThat(unknownLoss.err().strip()).startsWith("polyface train: error: unknown loss 'magic'").doesNotContain("\n");
        CliRun both = CliTestSupport.run(args(out, "--epochs", "2"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--steps=N | --epochs=E");
        CliRun gpu = CliTestSupport.run(args(out, "--device", "tpu"));
        assertThat(gpu.exitCode()).isEqualTo(2);
        assertThat(gpu.err()).contains("device must be cpu, gpu, gpu:all or gpu:0,1");
        CliRun budget = CliTestSupport.run(args(out, "--memory-budget", "1k"));
        assertThat(budget.exitCode()).isEqualTo(2);
        assertThat(budget.err()).contains("over the budget of 1,024 B");
        CliRun help = CliTestSupport.run("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("bin/polyface train --data ../shared/data/orl").contains("--resume").contains("--holdout-ids");
    }
}
