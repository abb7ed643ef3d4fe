package io.polyface.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.train.export.OnnxModelExport;
import io.polyface.train.provenance.RunProvenance;
import io.polyface.train.provenance.RunProvenanceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo, end to end on the synthetic default with small settings: its report holds real numbers. */
class DemoTest {

    @Test
    void demoRunsEndToEndAndWritesTheReport(@TempDir Path out) throws Exception {
        DemoConfig config = new DemoConfig(null, out, 0.1, null, 10, 5, 4, 10, 16, 0.1, 2, 4, 3);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoReport report = Demo.run(config, new PrintStream(log, true, StandardCharsets.UTF_8));

        for (String f : new String[] {"report.json", "report.html", "roc.png", "aggregation.png", "model.onnx", "quality.onnx"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("report.json")));
        assertThat(json.at("/architecture/name").asText()).isEqualTo("polyface-search-0.1g");
        assertThat(json.at("/architecture/flops").asLong()).isEqualTo(99_356_605L).isLessThanOrEqualTo(100_000_000L);
        assertThat(json.at("/train/steps").asLong()).isEqualTo(10);
        assertThat(json.at("/train/final_loss").asDouble()).isFinite().isPositive();
        assertThat(json.at("/onnx/max_relative_l2").asDouble()).isLessThan(1e-4);
        JsonNode results = json.at("/eval/results");
        assertThat(results.size()).isEqualTo(Demo.FARS.size());
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get("far").asDouble()).isEqualTo(Demo.FARS.get(i));
            assertThat(results.get(i).get("tar").asDouble()).isBetween(0.0, 1.0);
        }
        // 4 held-out identities x 5 images: 40 genuine and 150 impostor pairs
        assertThat(json.at("/eval/genuine").asLong()).isEqualTo(40);
        assertThat(json.at("/eval/impostor").asLong()).isEqualTo(150);
        JsonNode methods = json.at("/aggregation/methods");
        assertThat(methods.size()).isEqualTo(3);
        assertThat(methods.get(0).get("method").asText()).isEqualTo("mean");
        assertThat(methods.get(2).get("method").asText()).isEqualTo("qanpp");
        // 4 identities x 2 tracks: 4 genuine and 24 impostor template pairs
        assertThat(methods.get(2).get("genuine").asLong()).isEqualTo(4);
        assertThat(methods.get(2).get("impostor").asLong()).isEqualTo(24);
        assertThat(Files.readString(out.resolve("report.html"))).contains("roc.png").contains("QAN++").contains("TAR@FAR=");
        assertThat(report.content()).containsKeys("data", "architecture", "train", "onnx", "eval", "aggregation", "seconds");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("demo: train done");
        // the exported model records the demo's effective recipe (searched architecture, steps, batch, seed) and data
        try (var session = io.polyface.core.ort.OrtSessions.open(out.resolve("model.onnx"), 1)) {
            RunProvenance p = RunProvenanceJson.read(session.getMetadata().getCustomMetadata().get(OnnxModelExport.PROVENANCE), "model.onnx");
            assertThat(p.recipe().model().arch()).isEqualTo("polyface-search-0.1g");
            assertThat(p.recipe().run().steps()).isEqualTo(10);
            assertThat(p.recipe().data().batchSize()).isEqualTo(16);
            assertThat(p.recipe().data().heldOutIdentities()).isEqualTo(4);
            assertThat(p.seed()).isEqualTo(3);
            assertThat(p.steps()).isEqualTo(10);
            assertThat(p.data().files()).isEqualTo(51); // 10 synthetic identities x 5 images, and the generator's manifest
        }
        System.out.println("demo seconds per stage: " + json.get("seconds"));
    }
}
