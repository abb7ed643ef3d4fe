package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.util.SharedResources;
import io.polyface.train.checkpoint.CheckpointIntegrity;
import io.polyface.train.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM and SIGINT during training, sent to the command line running in a child JVM (as {@code bin/polyface}
 * runs it): the run stops at a step boundary, writes a checkpoint, prints the command that resumes it and exits
 * 143 / 130 — never a native crash ({@code hs_err_pid*.log}, exit 134).
 */
class InterruptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts the CLI in a child JVM with SIGINT at its default disposition (a background parent may ignore it). */
    private static Process start(Path workDir, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-Xmx2g", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), PolyfaceCli.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile()).redirectError(workDir.resolve("stderr.txt").toFile());
        pb.environment().put(Interruption.LAUNCHER_VARIABLE, "bin/polyface");
        return pb.start();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void await(Process p, Path workDir, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(p.isAlive()).as("the child ended before " + what + ": " + read(workDir.resolve("stderr.txt"))).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + what + ": " + read(workDir.resolve("stderr.txt"))).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int exitStatus(Process p, Path workDir) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child did not stop: " + read(workDir.resolve("stderr.txt"))).isTrue();
        return p.exitValue();
    }

    private static void assertNoCrashReport(Path workDir) throws IOException {
        try (Stream<Path> s = Files.list(workDir)) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }

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
        Process p = start(work, "train", "--data", SharedResources.resolve("data/orl").toString(), "--arch", "mobilefacenet-tiny",
                "--input", "32", "--width", "0.25", "--depth", "1,1,1,1", "--embedding", "16", "--loss-opt", "scale=16",
                "--steps", "16", "--batch", "8", "--bn-recalibration", "2", "--seed", "5", "--workers", "2",
                "--no-progress", "--json", "--out", out.toString());
        await(p, work, "three training steps", () -> lines(out.resolve("metrics.jsonl")) >= 3);
        p.destroy(); // SIGTERM
        assertThat(exitStatus(p, work)).as(read(work.resolve("stderr.txt"))).isEqualTo(143);
        assertNoCrashReport(work);
        String err = read(work.resolve("stderr.txt"));
        Matcher m = Pattern.compile("stopped by SIGTERM after step (\\d+) of 16 \\(\\d+ in this run\\); checkpoint (\\S+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        long step = Long.parseLong(m.group(1));
        Path checkpoint = Path.of(m.group(2));
        assertThat(step).isBetween(3L, 15L);
        assertThat(checkpoint).isEqualTo(out.resolve(CheckpointStore.folderName(step)));
        assertThat(CheckpointIntegrity.check(checkpoint).intact()).isTrue();
        JsonNode stopped = JSON.readTree(read(work.resolve("stdout.txt")).strip());
        assertThat(stopped.get("stopped_by").asText()).isEqualTo("SIGTERM");
        assertThat(stopped.get("steps").asLong()).isEqualTo(step);

        // the printed command resumes the run and finishes it
        Matcher r = Pattern.compile("polyface train: resume with: bin/polyface (train .*--resume)\\n").matcher(err);
        assertThat(r.find()).as(err).isTrue();
        assertThat(stopped.get("resume_command").asText()).isEqualTo("bin/polyface " + r.group(1));
        CliTestSupport.Run resumed = CliTestSupport.run(r.group(1).split(" "));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode done = JSON.readTree(resumed.out().strip());
        assertThat(done.get("steps").asLong()).isEqualTo(16);
        assertThat(done.get("steps_this_run").asLong()).isEqualTo(16 - step);
        assertThat(out.resolve("model.onnx")).isRegularFile();
    }

    @Test
    void sigintDuringTheDemosTrainingCheckpointsExits130AndTheDemoResumes(@TempDir Path work) throws Exception {
        Path spec = work.resolve("tiny.json");
        Files.writeString(spec, ArchSpecJson.toJson(Presets.get("mobilefacenet-tiny",
                new ArchOverrides(32, null, 0.25, List.of(1, 1, 1, 1), 16, null, null, null))));
        Path out = work.resolve("demo");
        Process p = start(work, "demo", "--out", out.toString(), "--arch", spec.toString(), "--identities", "6", "--images-per-id", "4",
                "--holdout-ids", "2", "--steps", "40", "--batch", "8", "--frames", "3", "--seed", "3");
        Pattern progress = Pattern.compile("(\\d+)/40");
        await(p, work, "two training steps", () -> {
            try {
                Matcher m = progress.matcher(read(work.resolve("stderr.txt")));
                long last = 0;
                while (m.find()) {
                    last = Long.parseLong(m.group(1));
                }
                return last >= 2;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(exitStatus(p, work)).as(read(work.resolve("stderr.txt"))).isEqualTo(130);
        assertNoCrashReport(work);
        String err = read(work.resolve("stderr.txt"));
        Matcher m = Pattern.compile("polyface demo: stopped by SIGINT after step (\\d+) of 40; checkpoint (\\S+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        Path checkpoint = Path.of(m.group(2));
        assertThat(checkpoint).isEqualTo(out.resolve("train").resolve(CheckpointStore.folderName(Long.parseLong(m.group(1)))));
        assertThat(CheckpointIntegrity.check(checkpoint).intact()).isTrue();
        String resume = "demo --out " + out + " --arch " + spec + " --identities 6 --images-per-id 4 --holdout-ids 2 --steps 40 --batch 8"
                + " --frames 3 --seed 3 --resume";
        assertThat(err).contains("polyface demo: resume with: bin/polyface " + resume + "\n");
        assertThat(out.resolve("report.json")).doesNotExist();

        CliTestSupport.Run resumed = CliTestSupport.run(resume.split(" "));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("demo: resuming the training at step " + m.group(1) + " of 40");
        assertThat(JSON.readTree(out.resolve("report.json").toFile()).at("/train/steps").asLong()).isEqualTo(40);
    }
}
