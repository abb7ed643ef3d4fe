package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface flops}, called in-process. */
class FlopsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tableListsEveryPresetWithLfrFlopsMacsAndParams() {
        CliRun run = CliTestSupport.run("flops");
        assertThat(run.exitCode()).isZero();
        for (String name : Presets.names()) {
            assertThat(run.out()).contains(name);
        }
        assertThat(run.out()).contains("28,103,954,320").contains("14,066,411,104").contains("lfr FLOPs").contains("MACs")
                .contains("params").contains("FLOPs convention: lfr");
    }

    @Test
    void jsonForEfficientPolyface() throws Exception {
        CliRun run = CliTestSupport.run("flops", "--arch", "efficient-polyface", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"flops\":28103954320");
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode o = JSON.readTree(lines[0]);
        assertThat(o.get("arch").asText()).isEqualTo("efficient-polyface");
        assertThat(o.get("input").toString()).isEqualTo("[3,112,112]");
        assertThat(o.get("resolution").asInt()).isEqualTo(235);
        assertThat(o.get("convention").asText()).isEqualTo("lfr");
        assertThat(o.get("params").asLong()).isPositive();
    }

    @Test
    void jsonLinesForAllPresetsAndOtherConventions() throws Exception {
        CliRun run = CliTestSupport.run("flops", "--json", "--convention", "macs");
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(Presets.names().size());
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            assertThat(o.get("convention").asText()).isEqualTo("macs");
            assertThat(o.get("flops").asLong()).isEqualTo(o.get("macs").asLong());
        }
    }

    @Test
    void overridesAndPerLayerOutput() throws Exception {
        CliRun run = CliTestSupport.run("flops", "--arch", "polyface", "--depth", "1,2,3", "--json", "--per-stage");
        JsonNode o = JSON.readTree(run.out());
        assertThat(o.get("flops").asLong()).isEqualTo(5_204_166_752L + 198_859_536L + 2 * 394_951_648L + 3 * 144_254_592L);
        assertThat(o.get("stages")).hasSize(8);
        CliRun layers = CliTestSupport.run("flops", "--arch", "mobilefacenet-tiny", "--per-layer");
        assertThat(layers.out()).contains("head.fc").contains("linear");
    }

    @Test
    void badInputExitsNonZeroWithOneLine() {
        CliRun r112 = CliTestSupport.run("flops", "--arch", "efficient-polyface", "--resolution", "112");
        assertThat(r112.exitCode()).isNotZero();
        assertThat(r112.out()).isEmpty();
        assertThat(r112.err().strip().split("\n")).hasSize(1);
        assertThat(r112.err()).contains("resolution 112").contains("32k+11 or 32k+12");

        CliRun unknown = CliTestSupport.run("flops", "--arch", "resnet9000");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("unknown architecture 'resnet9000'");

        CliRun conv = CliTestSupport.run("flops", "--convention", "gmacs");
        assertThat(conv.exitCode()).isNotZero();
        assertThat(conv.err()).contains("expected lfr, macs or full");
    }

    @Test
    void specFileRoundTripThroughTheCli(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        assertThat(CliTestSupport.run("flops", "--arch", "mobilefacenet-tiny", "--width", "0.25", "--save-spec", file.toString())
                .exitCode()).isZero();
        assertThat(ArchSpecJson.read(file).name()).isEqualTo("mobilefacenet-tiny");
        CliRun fromFile = CliTestSupport.run("flops", "--arch", file.toString(), "--json");
        CliRun fromPreset = CliTestSupport.run("flops", "--arch", "mobilefacenet-tiny", "--width", "0.25", "--json");
        assertThat(JSON.readTree(fromFile.out()).get("flops")).isEqualTo(JSON.readTree(fromPreset.out()).get("flops"));
    }
}
