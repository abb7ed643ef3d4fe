package io.polyface.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Searches end to end (issue 6, item 5): reported candidates recounted by the counter are within budget, the
 * same seed gives the same result, the prior at 30 GFLOPs over {@code polyface-paper} uses more than 27 GFLOPs.
 */
class SearchTest {

    private static final long G30 = 30_000_000_000L;
    private static SearchResult paper30;

    @BeforeAll
    static void searchThePaperSpaceAt30Gflops() {
        paper30 = Search.builder().setSpace(SearchSpaces.polyfacePaper()).setBudget(new FlopsBudget(Convention.LFR, G30)).build().run();
    }

    private static long recount(Evaluation e, Convention convention) {
        return FlopsCounter.count(e.candidate().spec()).flops(convention);
    }

    @Test
    void priorAt30GflopsOverThePaperSpaceFillsTheBudget() {
        assertThat(paper30.strategy().id()).isEqualTo("exhaustive");
        assertThat(paper30.checked()).isEqualTo(1_088_000L);
        assertThat(paper30.evaluated().size() + paper30.infeasible()).isEqualTo(1_088_000L);
        long best = recount(paper30.best(), Convention.LFR);
        assertThat(best).isGreaterThan(27_000_000_000L).isLessThanOrEqualTo(G30);
        for (Evaluation e : paper30.front()) {
            assertThat(recount(e, Convention.LFR)).as("front member %s", e.candidate().values()).isLessThanOrEqualTo(G30);
        }
        for (Evaluation e : paper30.evaluated()) {
            assertThat(e.candidate().cost().lfrFlops()).isLessThanOrEqualTo(G30);
        }
        assertThat(paper30.best().objective()).isEqualTo(paper30.evaluated().stream().mapToDouble(Evaluation::objective).max().orElseThrow());
    }

    /** Where the paper's Efficient PolyFace (23/38/23 at R 235, 28.10 GFLOPs) ranks under the prior. */
    @Test
    void paperEndpointRank() {
        Map<String, Object> paper = new LinkedHashMap<>(paper30.best().candidate().values());
        paper.put("depth_a", 23);
        paper.put("depth_b", 38);
        paper.put("depth_c", 23);
        paper.put("resolution", 235);
        Evaluation e = paper30.evaluationOf(paper);
        assertThat(e.candidate().cost().lfrFlops()).isEqualTo(28_103_954_320L);
        long better = paper30.evaluated().stream().filter(x -> x.objective() > e.objective()).count();
        assertThat(paper30.rank(paper)).isEqualTo(better + 1).isEqualTo(21_459);
        assertThat(paper30.evaluated()).hasSize(896_976);
    }

    @Test
    void sameSeedSameResultAndEveryCandidateWithinBudget() {
        FlopsBudget budget = FlopsBudget.parse("1G", Convention.LFR);
        Search.Builder b = Search.builder().setSpace(SearchSpaces.polyface()).setBudget(budget)
                .optConstraint(ModelSizeBudget.lightTrack())
                .optStrategy(new RegularizedEvolution(32, 8, 1500));
        SearchResult first = b.optSeed(7).build().run();
        SearchResult again = b.optSeed(7).build().run();
        SearchResult other = b.optSeed(8).build().run();
        assertThat(first.evaluated()).hasSize(1500);
        assertThat(trace(again)).isEqualTo(trace(first));
        assertThat(again.best().candidate().index()).isEqualTo(first.best().candidate().index());
        assertThat(ArchSpecJson.toJson(again.bestSpec("x"))).isEqualTo(ArchSpecJson.toJson(first.bestSpec("x")));
        assertThat(trace(other)).isNotEqualTo(trace(first));
        for (Evaluation e : first.evaluated()) {
            assertThat(e.candidate().cost().lfrFlops()).isLessThanOrEqualTo(1_000_000_000L);
            assertThat(e.candidate().cost().modelBytes()).isLessThan(20_000_000L);
        }
        List<Evaluation> reported = new ArrayList<>(first.front());
        reported.add(first.best());
        for (Evaluation e : reported) {
            var r = FlopsCounter.count(e.candidate().spec());
            assertThat(r.flops(Convention.LFR)).isLessThanOrEqualTo(1_000_000_000L);
            assertThat(CandidateCost.of(r).modelBytes()).isLessThan(20_000_000L);
        }
        assertThat(first.best().candidate().cost().lfrFlops()).isGreaterThan(800_000_000L);
    }

    private static List<String> trace(SearchResult r) {
        return r.evaluated().stream().map(e -> e.candidate().index() + ":" + e.objective()).toList();
    }

    @Test
    void logPlotAndProvenance(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("candidates.jsonl");
        Path png = dir.resolve("front.png");
        SearchResult r = Search.builder().setSpace(SearchSpaces.get("mobilefacenet[embedding=128,expansion=2]"))
                .setBudget(FlopsBudget.parse("100M", Convention.MACS)).optLog(log).optSeed(3).build().run();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(r.evaluated().size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i += 97) {
            JsonNode o = json.readTree(lines.get(i));
            Evaluation e = r.evaluated().get(i);
            assertThat(o.get("order").asInt()).isEqualTo(i);
            assertThat(o.get("convention").asText()).isEqualTo("macs");
            assertThat(o.get("flops").asLong()).isEqualTo(e.candidate().cost().macs()).isLessThanOrEqualTo(100_000_000L);
            assertThat(o.get("params").asLong()).isEqualTo(e.candidate().cost().params());
            assertThat(o.get("objective").asDouble()).isEqualTo(e.objective());
            assertThat(o.get("point").get("blocks_3").asInt()).isEqualTo(e.candidate().values().get("blocks_3"));
        }
        FrontPlot.write(r, png, Map.of());
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(650);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(log, png); // no temporary files left
        }
        Map<String, Object> p = r.provenance();
        assertThat(p).containsEntry("space", "mobilefacenet[embedding=128,expansion=2]").containsEntry("seed", 3)
                .containsEntry("evaluated", r.evaluated().size());
        assertThat(r.bestSpec("searched").settings()).containsEntry("search", p).containsEntry("preset", "mobilefacenet");
        assertThat(ArchSpecJson.fromJson(ArchSpecJson.toJson(r.bestSpec("searched"))).settings().get("search")).isNotNull();
    }

    @Test
    void rerankingRescoresTheTopK(@TempDir Path dir) throws Exception {
        Objective fewestParams = new Objective() {
            @Override
            public String id() {
                return "fewest-params";
            }

            @Override
            public double score(Candidate candidate, SearchContext context) {
                return -candidate.cost().params();
            }

            @Override
            public boolean expensive() {
                return true;
            }

            @Override
            public Map<String, Object> provenance() {
                return Map.of("id", id());
            }
        };
        Path log = dir.resolve("log.jsonl");
        SearchResult r = Search.builder().setSpace(SearchSpaces.get("mobilefacenet[embedding=128]"))
                .setBudget(FlopsBudget.parse("0.2G", Convention.LFR)).optRerank(fewestParams, 10).optLog(log).build().run();
        List<Evaluation> top = new ArrayList<>(r.evaluated());
        top.sort((x, y) -> x.beats(y) ? -1 : 1);
        assertThat(r.rerank().candidates()).extracting(SearchResult.Reranked::evaluation).containsExactlyElementsOf(top.subList(0, 10));
        long fewest = top.subList(0, 10).stream().mapToLong(e -> e.candidate().cost().params()).min().orElseThrow();
        assertThat(r.best().candidate().cost().params()).isEqualTo(fewest);
        assertThat(r.provenance()).containsKey("rerank");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(r.evaluated().size() + 10);
        assertThat(lines.get(lines.size() - 1)).contains("\"stage\":\"rerank\"").contains("\"rerank_objective\":\"fewest-params\"");
    }

    @Test
    void rejectionsAndLimits(@TempDir Path dir) {
        FlopsBudget tiny = FlopsBudget.parse("0.1G", Convention.LFR);
        Path log = dir.resolve("never.jsonl");
        assertThatThrownBy(() -> Search.builder().setSpace(SearchSpaces.polyfacePaper()).setBudget(tiny).optLog(log).build().run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no candidate of search space 'polyface-paper' meets lfr FLOPs <= 100,000,000");
        assertThat(log).doesNotExist();
        assertThatThrownBy(() -> Search.builder().setSpace(SearchSpaces.polyface()).setBudget(tiny)
                .optStrategy(Exhaustive.withDefaultLimit()).build().run())
                .hasMessageContaining("more than the exhaustive limit");
        assertThatThrownBy(() -> Search.builder().setSpace(SearchSpaces.polyface()).build()).hasMessageContaining("setBudget");

        // invalid points (R = 74 fails the stem's size rule) are counted and never evaluated
        String json = SearchSpaces.JSON.toPrettyJson(SearchSpaces.polyfacePaper().fix("resolution", 76))
                .replace("\"values\" : [ 76 ]", "\"values\" : [ 74, 76 ]");
        SearchResult r = Search.builder().setSpace(SearchSpaces.JSON.fromJson(json)).setBudget(FlopsBudget.parse("30G", Convention.LFR))
                .build().run();
        assertThat(r.invalid()).isEqualTo(64_000L);
        assertThat(r.evaluated()).hasSize(64_000).allSatisfy(e -> assertThat(e.candidate().values()).containsEntry("resolution", 76));
    }

    /** Latency is measured (not deterministic), and only for candidates that meet the deterministic constraints first. */
    @Test
    void latencyBound() {
        SearchSpace space = SearchSpaces.get("mobilefacenet[blocks_1=1,blocks_2=1,blocks_3=1,expansion=1,width=0.25,embedding=128]");
        assertThat(space.size()).isEqualTo(8); // blocks_4 = 1..8
        int[] fourUnits = {0, 0, 0, 3, 0, 0, 0};
        FlopsBudget budget = new FlopsBudget(Convention.LFR, new CostModel(space).cost(fourUnits).lfrFlops());
        SearchResult generous = Search.builder().setSpace(space).setBudget(budget).optConstraint(new LatencyBudget(60_000, 0, 1))
                .build().run();
        assertThat(generous.evaluated()).hasSize(4); // blocks_4 = 1..4 meet the FLOPs budget; only they are timed
        assertThat(generous.infeasible()).isEqualTo(4);
        LatencyBudget impossible = new LatencyBudget(1e-6, 0, 1);
        assertThat(impossible.deterministic()).isFalse();
        assertThatThrownBy(() -> Search.builder().setSpace(space).setBudget(budget).optConstraint(impossible).build().run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rejected 4 by lfr FLOPs <= ").hasMessageContaining("4 by batch-1 latency <= 1.000e-06 ms");
        assertThat(LatencyBudget.measureMillis(generous.best().candidate().spec(), 1, 3)).isPositive();
    }

    @Test
    void budgetParsing() {
        assertThat(FlopsBudget.parseCount("1G", "b")).isEqualTo(1_000_000_000L);
        assertThat(FlopsBudget.parseCount("0.1G", "b")).isEqualTo(100_000_000L);
        assertThat(FlopsBudget.parseCount("500M", "b")).isEqualTo(500_000_000L);
        assertThat(FlopsBudget.parseCount("30g", "b")).isEqualTo(30_000_000_000L);
        assertThat(FlopsBudget.parseCount("2.5e8", "b")).isEqualTo(250_000_000L);
        assertThat(FlopsBudget.parseCount("12345", "b")).isEqualTo(12_345L);
        assertThat(FlopsBudget.parseCount(" 1.5 K ", "b")).isEqualTo(1_500L);
        assertThatThrownBy(() -> FlopsBudget.parseCount("1Q", "--budget")).hasMessageContaining("--budget '1Q'");
        assertThatThrownBy(() -> FlopsBudget.parseCount("-1G", "--budget")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> FlopsBudget.parseCount("0", "--budget")).hasMessageContaining("at least 1");
        assertThat(FlopsBudget.parse("0.1G", Convention.LFR).gflopsText()).isEqualTo("0.1");
    }

    /** The front against a brute-force dominance check. */
    @Test
    void paretoFrontMatchesBruteForce() {
        SearchSpace space = SearchSpaces.mobileFaceNet();
        SplittableRandom random = new SplittableRandom(5);
        List<Evaluation> es = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long flops = 1 + random.nextInt(50);
            double score = random.nextInt(30);
            es.add(new Evaluation(i, 0, new Candidate(space, List.of(0, 0, 0, 0, 0, 0, 0), new CandidateCost(flops, 0, 0, 0, 0)), score));
        }
        List<Evaluation> front = ParetoFront.of(es, Convention.LFR);
        for (Evaluation e : es) {
            boolean dominated = false;
            boolean earlierTwin = false;
            for (Evaluation o : es) {
                long fo = o.candidate().cost().lfrFlops();
                long fe = e.candidate().cost().lfrFlops();
                if (fo <= fe && o.objective() >= e.objective() && (fo < fe || o.objective() > e.objective())) {
                    dominated = true;
                }
                if (fo == fe && o.objective() == e.objective() && o.order() < e.order()) {
                    earlierTwin = true;
                }
            }
            assertThat(front.contains(e)).as("evaluation %d", e.order()).isEqualTo(!dominated && !earlierTwin);
        }
        for (int i = 1; i < front.size(); i++) {
            assertThat(front.get(i).candidate().cost().lfrFlops()).isGreaterThan(front.get(i - 1).candidate().cost().lfrFlops());
            assertThat(front.get(i).objective()).isGreaterThan(front.get(i - 1).objective());
        }
    }
}
