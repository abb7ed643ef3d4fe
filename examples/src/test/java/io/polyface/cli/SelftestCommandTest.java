package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code polyface selftest}: the engine against the double-precision reference, in-process. */
class SelftestCommandTest {

    @Test
    void everyCasePassesAndTheJsonNamesTheProcessor() throws Exception {
        CliRun run = CliTestSupport.runOk("selftest", "--json");
        JsonNode o = new ObjectMapper().readTree(run.out().strip());
        assertThat(o.get("passed").asBoolean()).isTrue();
        assertThat(o.get("processor").asText()).isNotBlank();
        assertThat(o.get("cases")).hasSize(4 * 4 * 2);
        for (JsonNode c : o.get("cases")) {
            assertThat(c.get("relativeL2").asDouble()).isLessThanOrEqualTo(1e-5);
        }
    }
}
