package io.polyface.train.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.train.recipe.RecipeJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RunProvenanceJson}: the typed run provenance round-trips through its JSON form exactly. */
class RunProvenanceJsonTest {

    private static final DataIdentity DATA = new DataIdentity("0123456789abcdef".repeat(4), 400, 4_068_800);

    @Test
    void roundTripsExactlyWhileRunningAndEnded() {
        for (String name : RecipeJson.SHIPPED) {
            RunProvenance running = new RunProvenance(RecipeJson.shipped(name), 42, DATA, "development build",
                    Instant.parse("2026-12-07T02:30:00.123456Z"), null, 0);
            RunProvenance ended = new RunProvenance(running.recipe(), 42, DATA, "1.0", running.started(),
                    Instant.parse("2026-12-07T03:00:00Z"), 30);
            for (RunProvenance p : new RunProvenance[] {running, ended}) {
                String text = RunProvenanceJson.write(p);
                assertThat(RunProvenanceJson.read(text, "test")).isEqualTo(p);
                assertThat(RunProvenanceJson.fromTree(RunProvenanceJson.toTree(p), "test")).isEqualTo(p);
                assertThat(RunProvenanceJson.write(RunProvenanceJson.read(text, "test"))).isEqualTo(text);
            }
        }
    }

    @Test
    void theJsonFormHasSnakeCaseKeysTheRecipeAndIsoTimes() {
        RunProvenance p = new RunProvenance(RecipeJson.shipped("demo"), 7, DATA, "development build",
                Instant.parse("2026-12-07T02:30:00Z"), null, 0);
        JsonNode t = p.at(12, Instant.parse("2026-12-07T02:31:00Z"));
        assertThat(t.get("seed").asLong()).isEqualTo(7);
        assertThat(t.get("steps").asLong()).isEqualTo(12);
        assertThat(t.get("code_version").asText()).isEqualTo("development build");
        assertThat(t.get("started").asText()).isEqualTo("2026-12-07T02:30:00Z");
        assertThat(t.get("ended").asText()).isEqualTo("2026-12-07T02:31:00Z");
        assertThat(t.get("data").get("sha256").asText()).isEqualTo(DATA.sha256());
        assertThat(t.get("recipe").toString()).isEqualTo(RunProvenanceJson.toTree(p).get("recipe").toString());
        assertThat(RecipeJson.read(t.get("recipe").toString(), "t")).isEqualTo(RecipeJson.shipped("demo"));
        assertThat(RunProvenanceJson.toTree(p).get("ended").isNull()).isTrue();
    }

    @Test
    void badTextIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> RunProvenanceJson.read("{\"seed\": 1}", "model.onnx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model.onnx: not a run provenance");
        assertThatThrownBy(() -> new DataIdentity("xyz", 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lower-case hexadecimal digits");
    }
}
