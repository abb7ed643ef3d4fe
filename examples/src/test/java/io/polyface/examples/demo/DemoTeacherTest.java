package io.polyface.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo --teacher}: the student is distilled from the teacher, and the report shows both side by side. */
class DemoTeacherTest {

    @Test
    void demoWithATeacherDistilsAndReportsTeacherAndStudent(@TempDir Path out) throws Exception {
        DemoConfig config = new DemoConfig(null, out, 0.1, null, 10, 5, 4, 6, 16, 0.1, 2, 4, 3, false,
                SharedResources.resolve("models/fr_feature.onnx"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.run(config, new PrintStream(log, true, StandardCharsets.UTF_8));

        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("report.json")));
        assertThat(json.at("/train/steps").asLong()).isEqualTo(6);
        // --student-init auto: fr_feature.onnx imports as mobilefacenet-y1; 0.1 GFLOPs (LFR) allows it at 48 pixels
        assertThat(json.at("/architecture/name").asText()).isEqualTo("mobilefacenet-y1");
        assertThat(json.at("/architecture/student_init").asText()).isEqualTo("teacher");
        assertThat(json.at("/architecture/flops").asLong()).isLessThanOrEqualTo(100_000_000L);
        assertThat(json.at("/architecture/embedding").asInt()).isEqualTo(512);
        assertThat(json.at("/train/training_accuracy").isNull()).as("no margin head: no accuracy").isTrue();
        assertThat(out.resolve("teacher-cache")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".embeddings"));
        assertThat(json.at("/train/final_loss").asDouble()).as("angular + relational distillation loss").isFinite().isBetween(0.0, 8.0);
        assertThat(json.at("/teacher/model").asText()).isEqualTo("fr_feature.onnx");
        assertThat(json.at("/teacher/embedding").asInt()).isEqualTo(512);
        JsonNode teacher = json.at("/teacher/results");
        JsonNode student = json.at("/eval/results");
        assertThat(teacher.size()).isEqualTo(Demo.FARS.size()).isEqualTo(student.size());
        for (int i = 0; i < teacher.size(); i++) {
            assertThat(teacher.get(i).get("far").asDouble()).isEqualTo(student.get(i).get("far").asDouble());
            assertThat(teacher.get(i).get("tar").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("teacher fr_feature.onnx").contains("distilled student")
                .contains("Training (distillation)");
    }
}
