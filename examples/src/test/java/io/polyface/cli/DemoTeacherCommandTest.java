package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface demo --teacher}'s summary: each held-out TAR of the distilled student with the teacher's on the same pairs. */
class DemoTeacherCommandTest {

    @Test
    void theSummaryShowsTheTeacherBesideTheStudent(@TempDir Path out) {
        CliRun r = CliTestSupport.run("demo", "--teacher", SharedResources.resolve("models/fr_feature.onnx").toString(), "--out", out.toString(),
                "--identities", "10", "--images-per-id", "5", "--holdout-ids", "4", "--steps", "4", "--batch", "16", "--tracks-per-id", "2",
                "--frames", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("distilled student vs teacher fr_feature.onnx on the same pairs")
                .containsPattern("held-out TAR@FAR=0\\.01\\s+\\d\\.\\d{4} \\(teacher \\d\\.\\d{4}\\)");
        assertThat(r.err()).doesNotContain("acc 0.000");
    }
}
