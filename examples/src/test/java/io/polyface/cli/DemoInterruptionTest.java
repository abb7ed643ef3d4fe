package io.polyface.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.train.TestData;
import io.polyface.train.checkpoint.CheckpointIntegrity;
import io.polyface.train.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGINT (Ctrl-C) during the training stage of {@code polyface demo}, sent to the command line in a child JVM: the
 * demo stops at a step boundary with a checkpoint in {@code out/train}, prints the command that resumes it and exits
 * 130 without a native crash; the printed command finishes the demo.
 */
class DemoInterruptionTest {

    @Test
    void sigintDuringTheDemosTrainingCheckpointsExits130AndTheDemoResumes(@TempDir Path work) throws Exception {
        Path spec = work.resolve("tiny.json");
        Files.writeString(spec, ArchSpecJson.toJson(TestData.tinySpec()));
        Path out = work.resolve("demo");
        Pattern progress = Pattern.compile("(\\d+)/40");
        String err;
        try (ChildCli child = ChildCli.start(work, "demo", "--out", out.toString(), "--arch", spec.toString(), "--identities", "6",
                "--images-per-id", "4", "--holdout-ids", "2", "--steps", "40", "--batch", "8", "--frames", "3", "--seed", "3")) {
            child.await("two training steps", () -> {
                Matcher m = progress.matcher(child.stderr());
                long last = 0;
                while (m.find()) {
                    last = Long.parseLong(m.group(1));
                }
                return last >= 2;
            });
            child.signal("INT");
            assertThat(child.exitStatus()).as(child.stderr()).isEqualTo(130);
            child.assertNoCrashReport();
            err = child.stderr();
        }
        Matcher m = Pattern.compile("polyface demo: stopped by SIGINT after step (\\d+) of 40; checkpoint (\\S+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        Path checkpoint = Path.of(m.group(2));
        assertThat(checkpoint).isEqualTo(out.resolve("train").resolve(CheckpointStore.folderName(Long.parseLong(m.group(1)))));
        assertThat(CheckpointIntegrity.check(checkpoint).intact()).isTrue();
        String resume = "demo --out " + out + " --arch " + spec + " --identities 6 --images-per-id 4 --holdout-ids 2 --steps 40 --batch 8"
                + " --frames 3 --seed 3 --resume";
        assertThat(err).contains("polyface demo: resume with: bin/polyface " + resume + "\n");
        assertThat(out.resolve("report.json")).doesNotExist();

        CliRun resumed = CliTestSupport.run(resume.split(" "));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("demo: resuming the training at step " + m.group(1) + " of 40");
        assertThat(new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/train/steps").asLong()).isEqualTo(40);
    }
}
