package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.devtree.SharedResources;
import io.polyface.train.testing.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code polyface search}, called in-process, with one PyTorch intra-op thread for the networks it trains and runs
 * ({@link OneTorchThread}).
 */
@ExtendWith(OneTorchThread.class)
class SearchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] POLYFACE_1G = {"search", "--budget", "1G", "--convention", "lfr", "--space", "polyface",
        "--evaluations", "300", "--population", "16", "--sample", "4", "--seed", "3", "--json"};

    @Test
    void jsonHasTheBestArchitectureAndTheFrontAndIsReproducible() throws Exception {
        CliRun run = CliTestSupport.runOk(POLYFACE_1G);
        assertThat(run.out().strip().split("\n")).hasSize(1);
        JsonNode o = JSON.readTree(run.out());
        assertThat(o.get("objective_id").asText()).isEqualTo("prior");
        assertThat(o.get("convention").asText()).isEqualTo("lfr");
        assertThat(o.get("flops").asLong()).isPositive().isLessThanOrEqualTo(1_000_000_000L);
        assertThat(o.get("params").asLong()).isPositive();
        assertThat(o.get("objective").isNumber()).isTrue();
        assertThat(o.get("evaluated").asInt()).isEqualTo(300);
        ArchSpec arch = ArchSpecJson.fromJson(o.get("arch").toString());
        assertThat(FlopsCounter.count(arch).flops(Convention.LFR)).isEqualTo(o.get("flops").asLong());
        assertThat(FlopsCounter.count(arch).params()).isEqualTo(o.get("params").asLong());
        assertThat(arch.settings().get("search").toString()).contains("space=polyface").contains("seed=3");
        JsonNode front = o.get("front");
        assertThat(front.size()).isPositive();
        for (JsonNode f : front) {
            assertThat(f.get("flops").asLong()).isLessThanOrEqualTo(1_000_000_000L);
            assertThat(f.has("params")).isTrue();
            assertThat(f.has("objective")).isTrue();
        }
        assertThat(front.get(front.size() - 1).get("objective").asDouble()).isEqualTo(o.get("objective").asDouble());
        assertThat(CliTestSupport.run(POLYFACE_1G).out()).isEqualTo(run.out());
    }

    @Test
    void savedArchitectureGoesToFlopsAndLogAndPlotAreWritten(@TempDir Path dir) throws Exception {
        Path arch = dir.resolve("light.json");
        Path log = dir.resolve("log.jsonl");
        Path png = dir.resolve("front.png");
        CliRun run = CliTestSupport.runOk("search", "--budget", "0.5G", "--space", "mobilefacenet[embedding=128,expansion=2]",
                "--max-model-mb", "20", "--save-arch", arch.toString(), "--log", log.toString(), "--plot", png.toString());
        assertThat(run.out()).contains("strategy exhaustive").contains("best: search-mobilefacenet-embedding-128-expansion-2-0.5g")
                .contains("Pareto front (lfr FLOPs vs prior)").contains("spec written to " + arch)
                .contains("float32 model size < 20,000,000 bytes");
        CliRun flops = CliTestSupport.run("flops", "--arch", arch.toString(), "--json");
        JsonNode f = JSON.readTree(flops.out());
        assertThat(f.get("flops").asLong()).isLessThanOrEqualTo(500_000_000L).isGreaterThan(450_000_000L);
        assertThat(run.out()).contains(String.format("lfr FLOPs %,d", f.get("flops").asLong()));
        assertThat(Files.readAllLines(log)).isNotEmpty().allSatisfy(l -> assertThat(JSON.readTree(l).get("flops").asLong())
                .isLessThanOrEqualTo(500_000_000L));
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1000);
    }

    @Test
    void ranksThePaperArchitectureAt30Gflops() {
        CliRun run = CliTestSupport.runOk("search", "--budget", "30G", "--space", "polyface-paper", "--rank-of",
                "efficient-polyface", "--front-rows", "5");
        assertThat(run.out()).contains("checked 1,088,000 points: 896,976 evaluated")
                .contains("rank of efficient-polyface: 21,459 of 896,976 evaluated")
                .contains("depth_a=12 depth_b=21 depth_c=12 resolution=299")
                .contains("5 shown evenly");
    }

    @Test
    void zeroCostObjectiveOnRealFaces() throws Exception {
        CliRun run = CliTestSupport.runOk("search", "--budget", "0.1G", "--space", "mobilefacenet[embedding=128]",
                "--objective", "zero-cost", "--images", SharedResources.resolve("data/orl").toString(), "--evaluations", "3",
                "--population", "2", "--sample", "2", "--batch-size", "8", "--batches", "1", "--json");
        JsonNode o = JSON.readTree(run.out());
        assertThat(o.get("objective_id").asText()).isEqualTo("naswot");
        assertThat(o.get("objective").asDouble()).isPositive();
        assertThat(o.get("flops").asLong()).isLessThanOrEqualTo(100_000_000L);
        assertThat(run.err()).contains("polyface search: evaluated 3:");
    }

    @Test
    void trainedObjectiveReranksThePriorsTopCandidatesOnRealFaces() throws Exception {
        CliRun run = CliTestSupport.runOk("search", "--budget", "0.1G", "--space", "mobilefacenet[embedding=128,expansion=1]",
                "--objective", "trained", "--data", SharedResources.resolve("data/orl").toString(), "--holdout-ids", "10",
                "--rerank", "2", "--proxy-steps", "4", "--proxy-batch", "16", "--seed", "5", "--json");
        assertThat(run.out().strip().split("\n")).hasSize(1);
        JsonNode o = JSON.readTree(run.out());
        assertThat(o.get("objective_id").asText()).isEqualTo("prior");
        assertThat(o.get("flops").asLong()).isPositive().isLessThanOrEqualTo(100_000_000L);
        assertThat(o.get("params").asLong()).isPositive();
        assertThat(o.get("objective").isNumber()).isTrue();
        assertThat(o.get("front").size()).isPositive();
        ArchSpec arch = ArchSpecJson.fromJson(o.get("arch").toString());
        assertThat(FlopsCounter.count(arch).flops(Convention.LFR)).isEqualTo(o.get("flops").asLong());
        assertThat(arch.settings().get("search").toString()).contains("id=trained-proxy").contains("top_k=2").contains("steps=4");
        JsonNode rerank = o.get("rerank");
        assertThat(rerank.get("objective").asText()).isEqualTo("trained-proxy");
        assertThat(rerank.get("top_k").asInt()).isEqualTo(2);
        JsonNode candidates = rerank.get("candidates");
        assertThat(candidates.size()).isEqualTo(2);
        double max = -1;
        JsonNode best = null;
        for (JsonNode c : candidates) {
            assertThat(c.get("flops").asLong()).isLessThanOrEqualTo(100_000_000L);
            double score = c.get("rerank_score").asDouble();
            assertThat(score).isBetween(0.0, 1.0);
            JsonNode p = c.get("trained_proxy");
            assertThat(p.get("score").asDouble()).isEqualTo(score);
            assertThat(p.get("tar").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("genuine_pairs").asLong()).isEqualTo(450);
            assertThat(p.get("seconds").asDouble()).isPositive();
            if (score > max) {
                max = score;
                best = c;
            }
        }
        assertThat(best.get("best").asBoolean()).isTrue();
        assertThat(o.get("rerank_score").asDouble()).isEqualTo(max);
        assertThat(o.get("point")).isEqualTo(best.get("point"));
        assertThat(run.err()).contains("polyface search: trained proxy: training {").contains("held-out TAR@FAR=0.01")
                .contains("polyface search: re-ranked 2/2:");
    }

    @Test
    void trainedObjectiveNamesABadDataArgument(@TempDir Path dir) {
        CliRun missing = CliTestSupport.run("search", "--budget", "0.1G", "--space", "mobilefacenet", "--objective", "trained");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err().strip().split("\n")).hasSize(1);
        assertThat(missing.err()).contains("polyface search: error: the trained proxy needs --data DIR");

        CliRun absent = CliTestSupport.run("search", "--budget", "0.1G", "--objective", "trained", "--data",
                dir.resolve("nowhere").toString());
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err().strip().split("\n")).hasSize(1);
        assertThat(absent.err()).contains("--data " + dir.resolve("nowhere") + ": not found");

        CliRun tooMany = CliTestSupport.run("search", "--budget", "0.1G", "--objective", "trained", "--data",
                SharedResources.resolve("data/orl").toString(), "--holdout-ids", "39");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--holdout-ids 39 with --data").contains("in [2, 38] for 40 identities");

        assertThat(CliTestSupport.run("search", "--budget", "0.1G", "--data", dir.toString()).err())
                .contains("--data is the trained proxy's dataset");
        assertThat(CliTestSupport.run("search", "--budget", "0.1G", "--objective", "trained", "--rerank-zero-cost", "2").err())
                .contains("--objective trained re-ranks with the trained proxy");
        assertThat(CliTestSupport.run("search", "--budget", "0.1G", "--rerank", "2", "--rerank-objective", "best").err())
                .contains("unknown --rerank-objective 'best'; expected zero-cost or trained");
        assertThat(CliTestSupport.run("search", "--budget", "0.1G", "--objective", "trained", "--data",
                SharedResources.resolve("data/orl").toString(), "--rerank", "0").err()).contains("--rerank must be >= 1, got 0");
    }

    @Test
    void badInputExitsWithOneLine() {
        CliRun budget = CliTestSupport.run("search", "--budget", "1Q");
        assertThat(budget.exitCode()).isEqualTo(2);
        assertThat(budget.out()).isEmpty();
        assertThat(budget.err().strip().split("\n")).hasSize(1);
        assertThat(budget.err()).contains("--budget '1Q'");

        assertThat(CliTestSupport.run("search", "--budget", "1G", "--space", "resnets").err()).contains("unknown search space 'resnets'");
        assertThat(CliTestSupport.run("search", "--budget", "1G", "--objective", "best").err())
                .contains("unknown objective 'best'; expected prior, zero-cost or trained");
        CliRun tooSmall = CliTestSupport.run("search", "--budget", "0.1G", "--space", "polyface-paper");
        assertThat(tooSmall.exitCode()).isEqualTo(2);
        assertThat(tooSmall.err()).contains("no candidate of search space 'polyface-paper' meets");
        CliRun rank = CliTestSupport.run("search", "--budget", "0.5G", "--space", "mobilefacenet", "--rank-of", "iresnet18");
        assertThat(rank.err()).contains("is not a mobilefacenet network");
        assertThat(CliTestSupport.run("search").exitCode()).isEqualTo(2); // --budget is required
    }
}
