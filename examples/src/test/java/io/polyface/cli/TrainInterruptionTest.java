package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.devtree.SharedResources;
import io.polyface.train.checkpoint.CheckpointIntegrity;
import io.polyface.train.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM during {@code polyface train}, sent to the command line in a child JVM: the run stops at a step boundary,
 * writes a checkpoint, prints the command that resumes it and exits 143 — never a native crash
 * ({@code hs_err_pid*.log}, exit 134) — and the printed command finishes the run.
 */
class TrainInterruptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void sigtermDuringTrainingCheckpointsPrintsTheResumeCommandAndExits143(@TempDir Path work) throws Exception {
        Path out = work.resolve("run");
        String err;
        String stdout;
        try (ChildCli child = ChildCli.start(work, "train", "--data", SharedResources.resolve("data/orl").toString(),
                "--arch", "mobilefacenet-tiny", "--input", "32", "--width", "0.25", "--depth", "1,1,1,1", "--embedding", "16",
                "--loss-opt", "scale=16", "--steps", "16", "--batch", "8", "--bn-recalibration", "2", "--seed", "5", "--workers", "2",
                "--no-progress", "--json", "--out", out.toString())) {
            child.await("three training steps", () -> lines(out.resolve("metrics.jsonl")) >= 3);
            child.signal("TERM");
            assertThat(child.exitStatus()).as(child.stderr()).isEqualTo(143);
            child.assertNoCrashReport();
            err = child.stderr();
            stdout = child.stdout();
        }
        Matcher m = Pattern.compile("stopped by SIGTERM after step (\\d+) of 16 \\(\\d+ in this run\\); checkpoint (\\S+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        long step = Long.parseLong(m.group(1));
        Path checkpoint = Path.of(m.group(2));
        assertThat(step).isBetween(3L, 15L);
        assertThat(checkpoint).isEqualTo(out.resolve(CheckpointStore.folderName(step)));
        assertThat(CheckpointIntegrity.check(checkpoint).intact()).isTrue();
        JsonNode stopped = JSON.readTree(stdout.strip());
        assertThat(stopped.get("stopped_by").asText()).isEqualTo("SIGTERM");
        assertThat(stopped.get("steps").asLong()).isEqualTo(step);

        // the printed command resumes the run and finishes it
        Matcher r = Pattern.compile("polyface train: resume with: bin/polyface (train .*--resume)\\n").matcher(err);
        assertThat(r.find()).as(err).isTrue();
        assertThat(stopped.get("resume_command").asText()).isEqualTo("bin/polyface " + r.group(1));
        CliRun resumed = CliTestSupport.run(r.group(1).split(" "));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode done = JSON.readTree(resumed.out().strip());
        assertThat(done.get("steps").asLong()).isEqualTo(16);
        assertThat(done.get("steps_this_run").asLong()).isEqualTo(16 - step);
        assertThat(out.resolve("model.onnx")).isRegularFile();
    }
}
