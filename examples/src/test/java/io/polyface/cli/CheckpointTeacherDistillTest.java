package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.train.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PolyFace checkpoint as teacher (issue 17, item 1): {@code polyface train} trains a tiny teacher (16-d, ArcFace) for
 * a few steps on four ORL identities; {@code polyface distill --teacher RUN --kd-loss proxyless,angular} distils it into
 * a 128-d student on the same folder — the teacher's network exported to {@code --out/teacher.onnx}, ProxylessKD against
 * its 4 frozen class centres through the learned projection (the sizes differ). With {@code --unlabelled} the term is
 * refused (exit 2, one line).
 */
class CheckpointTeacherDistillTest {

    @Test
    void aTrainRunTeachesAStudentWithProxylessKd(@TempDir Path tmp) throws Exception {
        Path data = TestData.orlSubset(tmp.resolve("data"), 4, 6);
        Path run = tmp.resolve("teacher-run");
        CliRun train = CliTestSupport.run("train", "--data", data.toString(), "--arch", "mobilefacenet-tiny", "--input", "32", "--width", "0.25",
                "--depth", "1,1,1,1", "--embedding", "16", "--loss", "arcface", "--loss-opt", "scale=16", "--steps", "3", "--batch", "8",
                "--workers", "1", "--bn-recalibration", "1", "--out", run.toString(), "--no-progress");
        assertThat(train.exitCode()).as(train.err()).isZero();

        Path out = tmp.resolve("distill");
        CliRun r = CliTestSupport.run("distill", "--teacher", run.toString(), "--data", data.toString(), "--align", "none",
                "--arch", "mobilefacenet-tiny", "--student-input", "32", "--kd-loss", "proxyless,angular", "--steps", "2", "--batch", "8",
                "--workers", "1", "--out", out.toString(), "--json", "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("4 classes, 16-d");
        String[] lines = r.out().strip().split("\n");
        JsonNode j = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(j.get("steps").asLong()).isEqualTo(2);
        assertThat(j.get("loss").asDouble()).isFinite().isPositive();
        assertThat(j.get("tar").get("student").isNull()).as("no held-out identities: no TAR (and no crash)").isTrue();
        JsonNode objective = j.get("objective");
        assertThat(objective.get("kd_losses").toString()).isEqualTo("[\"proxyless\",\"angular\"]");
        assertThat(objective.get("proxyless_classes").asInt()).isEqualTo(4);
        assertThat(objective.get("proxyless_loss").asText()).isEqualTo("arcface");
        assertThat(objective.get("teacher_embedding_size").asInt()).isEqualTo(16);
        assertThat(objective.get("projection").asBoolean()).as("128-d student, 16-d teacher").isTrue();
        assertThat(out.resolve("teacher.onnx")).isRegularFile();
        assertThat(out.resolve("model.onnx")).isRegularFile();

        Path bad = tmp.resolve("bad");
        CliRun u = CliTestSupport.run("distill", "--teacher", run.toString(), "--data", data.toString(), "--unlabelled", "--align", "none",
                "--arch", "mobilefacenet-tiny", "--kd-loss", "proxyless", "--out", bad.toString(), "--no-progress");
        assertThat(u.exitCode()).as(u.err()).isEqualTo(2);
        assertThat(u.err().lines().filter(l -> l.contains("error")).toList()).singleElement().asString()
                .contains("--kd-loss proxyless").contains("--unlabelled");
        assertThat(bad).as("nothing written").doesNotExist();
    }
}
