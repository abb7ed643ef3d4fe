package io.polyface.bench.peer;

import io.polyface.bench.arch.BenchArchitectures;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java side of the peer runner: the interleaving of its rounds, its rate and ratio arithmetic, the spec it hands PyTorch. */
class PeerRoundTest {

    @Test
    void roundsAlternateWhoGoesFirstAndRatesAreWorkOverSeconds() throws Exception {
        List<String> calls = new ArrayList<>();
        double[] pytorchSeconds = {2.0, 4.0, 2.0}; // round 2 loaded
        double[] oursSeconds = {1.0, 2.0, 1.6};
        int[] round = {0};
        Timing pytorch = (iterations, warmup) -> {
            calls.add("pytorch w" + warmup);
            return pytorchSeconds[round[0]];
        };
        Timing ours = (iterations, warmup) -> {
            calls.add("ours w" + warmup);
            return oursSeconds[round[0]];
        };
        Comparison c = new Comparison("train x", pytorch, List.of(new Comparison.Route("Trainer.step()", ours)), 32, "images/s", 10);
        PeerReport report = new PeerReport();
        PeerSettings s = new PeerSettings(3, 2, 32, 1000, "arcface", 10, 10, 3, 64, 8);
        for (; round[0] < 3; round[0]++) {
            PeerMain.runRound(c, round[0], s.warmup(round[0]), report);
        }
        assertThat(calls).containsExactly("pytorch w3", "ours w3", "ours w1", "pytorch w1", "pytorch w1", "ours w1");
        assertThat(report.rates("train x").get(PeerReport.PYTORCH)).containsExactly(160.0, 80.0, 160.0);
        assertThat(report.rates("train x").get("Trainer.step()")).containsExactly(320.0, 160.0, 200.0);
        // per-round ratios 2, 2, 1.25 (ours faster): median 2, range 1.25-2
        assertThat(report.ratio("train x", "Trainer.step()").median()).isEqualTo(2.0);
        assertThat(report.ratio("train x", "Trainer.step()").min()).isEqualTo(1.25);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("train x (images/s, median (min–max) over 3 rounds)")
                .contains("PyTorch").contains("160.0 (80.00–160.0)")
                .contains("ours/PyTorch 2.000 (1.250–2.000)");
    }

    @Test
    void theSpecJsonHandedToPyTorchRoundTripsWithTheSameCounts(@TempDir Path dir) throws Exception {
        for (String arch : List.of("mobilefacenet-y1", "mobilefacenet-tiny", BenchArchitectures.POLYFACE_SMALL)) {
            ArchSpec spec = BenchArchitectures.get(arch);
            Path file = dir.resolve(arch + ".json");
            ArchSpecJson.write(spec, file);
            ArchSpec back = ArchSpecJson.read(file);
            assertThat(back).isEqualTo(spec);
            assertThat(FlopsCounter.count(back).params()).isEqualTo(FlopsCounter.count(spec).params());
        }
        // the counts peer.sh's PyTorch networks are checked against (torch_from_spec.py gave the same on python3-torch 1.13)
        assertCounts("mobilefacenet-y1", 1_003_264L, 220_965_376L);
        assertCounts("mobilefacenet-tiny", 288_832L, 59_102_464L);
        assertCounts(BenchArchitectures.POLYFACE_SMALL, 785_224L, 13_073_432L);
    }

    private static void assertCounts(String arch, long params, long macs) {
        CostReport cost = FlopsCounter.count(BenchArchitectures.get(arch));
        assertThat(cost.params()).as(arch + " parameters").isEqualTo(params);
        assertThat(cost.flops(Convention.MACS)).as(arch + " MACs").isEqualTo(macs);
    }

    @Test
    void warnsWhenPyTorchRunsOnTheReferenceBlas() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String reference = PeerMain.pytorchLine(json.readTree(
                "{\"torch\": \"1.13.0a0\", \"threads\": 2, \"blas\": [\"/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0\"]}"));
        assertThat(reference).startsWith("PyTorch 1.13.0a0, 2 threads, BLAS [/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0]")
                .contains("warning: PyTorch uses the reference BLAS").contains("libopenblas0-pthread");
        String openBlas = PeerMain.pytorchLine(json.readTree(
                "{\"torch\": \"2.1\", \"threads\": 2, \"blas\": [\"/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3\"]}"));
        assertThat(openBlas).doesNotContain("warning");
    }

    @Test
    void settingsRejectAnUnknownLoss() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PeerSettings(1, 2, 32, 1000, "cosface", 1, 1, 0, 8, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--loss: expected arcface or arcnegface, got cosface");
    }
}
