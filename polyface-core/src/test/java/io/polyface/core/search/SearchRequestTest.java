package io.polyface.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search rules that {@code polyface search} delegates to (issue 16, item 4): objectives, re-ranking, strategy, name, report. */
class SearchRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FlopsBudget TENTH = FlopsBudget.parse("0.1G", Convention.LFR);

    private static SearchRequest.Builder mobile() {
        return SearchRequest.builder().setSpace(SearchSpaces.get("mobilefacenet[embedding=128]")).setBudget(TENTH).optSeed(3);
    }

    /** An objective with the prior's scores that calls itself expensive (a stand-in for the trained proxy). */
    private static Objective expensivePrior(String id) {
        Objective prior = CompoundScalingPrior.builder().build();
        return (Objective) Proxy.newProxyInstance(Objective.class.getClassLoader(), new Class<?>[] {Objective.class},
                (self, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "expensive" -> true;
                    case "toString" -> id;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> method.invoke(prior, args);
                });
    }

    @Test
    void trainedObjectiveIsThePriorReRankedInItsTopThreeByTheTrainedProxy() {
        SearchRequest r = mobile().optObjective("trained").build();
        assertThat(r.searchObjective()).isEqualTo("prior");
        assertThat(r.rerank()).isEqualTo(SearchRequest.DEFAULT_TRAINED_RERANK).isEqualTo(3);
        assertThat(r.rerankObjective()).isEqualTo("trained");
        assertThat(r.needsTrainedProxy()).isTrue();
        assertThat(r.usesZeroCost()).isFalse();

        SearchRequest z = mobile().optRerank(5, null).build();
        assertThat(z.rerankObjective()).isEqualTo("zero-cost");
        assertThat(z.usesZeroCost()).isTrue();
        assertThat(z.needsTrainedProxy()).isFalse();
        SearchRequest plain = mobile().build();
        assertThat(plain.rerank()).isNull();
        assertThat(plain.rerankObjective()).isNull();
        assertThat(plain.usesZeroCost()).isFalse();
        assertThatThrownBy(() -> r.run(line -> { })).isInstanceOf(IllegalStateException.class).hasMessageContaining("trained proxy");
    }

    @Test
    void invalidCombinationsNameTheSetting() {
        assertThatThrownBy(() -> mobile().optObjective("best").build())
                .hasMessage("unknown objective 'best'; expected prior, zero-cost or trained");
        assertThatThrownBy(() -> mobile().optStrategy("random").build())
                .hasMessage("unknown strategy 'random'; expected auto, exhaustive or evolution");
        assertThatThrownBy(() -> mobile().optObjective("trained").optRerank(2, "zero-cost").build())
                .hasMessage("--objective trained re-ranks with the trained proxy; for a zero-cost re-ranking use --objective prior");
        assertThatThrownBy(() -> mobile().optRerank(null, "trained").build()).hasMessage("--rerank-objective trained needs --rerank K");
        assertThatThrownBy(() -> mobile().optRerank(0, null).build()).hasMessage("--rerank must be >= 1, got 0");
        assertThatThrownBy(() -> mobile().optRerank(2, "best").build())
                .hasMessage("unknown --rerank-objective 'best'; expected zero-cost or trained");
        assertThatThrownBy(() -> SearchRequest.builder().setBudget(TENTH).build()).hasMessage("space is required");
        assertThatThrownBy(() -> mobile().optObjective("zero-cost").build().objective("zero-cost"))
                .hasMessageContaining("--images");
    }

    @Test
    void defaultNameIsTheFileSafeSpaceAndTheBudget() {
        assertThat(mobile().build().resultName()).isEqualTo("search-mobilefacenet-embedding-128-0.1g");
        assertThat(mobile().optName("light").build().resultName()).isEqualTo("light");
        SearchRequest paper = SearchRequest.builder().setSpace(SearchSpaces.polyfacePaper())
                .setBudget(FlopsBudget.parse("30G", Convention.LFR)).build();
        assertThat(paper.resultName()).isEqualTo("search-polyface-paper-30g");
    }

    @Test
    void strategyFollowsTheObjectivesCost() {
        Objective prior = CompoundScalingPrior.builder().build();
        SearchRequest auto = mobile().build();
        assertThat(auto.strategy(prior)).isInstanceOf(Exhaustive.class);
        assertThat(auto.strategy(expensivePrior("costly"))).isEqualTo(new RegularizedEvolution(64, 16, 100));
        assertThat(mobile().optStrategy("evolution").build().strategy(prior)).isEqualTo(new RegularizedEvolution(64, 16, 5000));
        assertThat(mobile().optStrategy("evolution").optEvolution(40, 64, 16).build().strategy(prior))
                .isEqualTo(new RegularizedEvolution(40, 16, 40));
        assertThat(mobile().optStrategy("evolution").optEvolution(10, 64, 16).build().strategy(prior))
                .isEqualTo(new RegularizedEvolution(10, 10, 10));
        assertThat(mobile().optStrategy("exhaustive").build().strategy(expensivePrior("costly")))
                .isEqualTo(new Exhaustive(Exhaustive.DEFAULT_MAX_POINTS));
    }

    @Test
    void reportSerialisesTheBestTheFrontAndTheRank() throws Exception {
        SearchRequest request = mobile().optRankOf(null).build();
        SearchReport report = request.run(line -> { });
        JsonNode o = MAPPER.readTree(report.toJson());
        assertThat(o.get("space").asText()).isEqualTo("mobilefacenet[embedding=128]");
        assertThat(o.get("convention").asText()).isEqualTo("lfr");
        assertThat(o.get("budget").asLong()).isEqualTo(100_000_000L);
        assertThat(o.get("objective_id").asText()).isEqualTo("prior");
        assertThat(o.get("seed").asLong()).isEqualTo(3);
        assertThat(o.get("name").asText()).isEqualTo("search-mobilefacenet-embedding-128-0.1g");
        var arch = ArchSpecJson.fromJson(o.get("arch").toString());
        long flops = FlopsCounter.count(arch).flops(Convention.LFR);
        assertThat(o.get("flops").asLong()).isEqualTo(flops).isLessThanOrEqualTo(100_000_000L);
        assertThat(o.get("gflops").asDouble()).isEqualTo(flops / 1e9);
        assertThat(o.get("params").asLong()).isEqualTo(FlopsCounter.count(arch).params());
        assertThat(o.get("evaluated").asInt() + o.get("infeasible").asInt() + o.get("invalid").asInt())
                .isEqualTo(o.get("checked").asInt());
        JsonNode front = o.get("front");
        assertThat(front.size()).isEqualTo(report.result().front().size()).isPositive();
        assertThat(front.get(front.size() - 1).get("objective").asDouble()).isEqualTo(o.get("objective").asDouble());
        assertThat(o.has("rerank")).isFalse();
        assertThat(o.has("rank_of")).isFalse();
        assertThat(report.toJson()).isEqualTo(request.run(line -> { }).toJson());

        StringWriter text = new StringWriter();
        report.printText(new PrintWriter(text, true), 1);
        assertThat(text.toString()).contains("objective prior, strategy exhaustive, seed 3")
                .contains("best: search-mobilefacenet-embedding-128-0.1g  ")
                .contains(String.format(java.util.Locale.ROOT, "lfr FLOPs %,d", flops))
                .contains("Pareto front (lfr FLOPs vs prior)");
        if (front.size() > 1) {
            assertThat(text.toString()).contains(", 1 shown evenly (all in --json)");
        }

        SearchReport ranked = mobile().optRankOf(arch).build().run(line -> { });
        JsonNode rk = MAPPER.readTree(ranked.toJson()).get("rank_of");
        assertThat(rk.get("rank").asInt()).isEqualTo(1);
        assertThat(rk.get("arch").asText()).isEqualTo(arch.name());
    }

    @Test
    void trainedReRankingCarriesTheProxysMeasurements() throws Exception {
        RerankDetails details = new RerankDetails() {
            @Override
            public String jsonKey() {
                return "trained_proxy";
            }

            @Override
            public Optional<Map<String, Object>> json(Evaluation evaluation) {
                return Optional.of(Map.of("tar", 0.5));
            }

            @Override
            public String textHeader() {
                return " TAR";
            }

            @Override
            public String textRow(Evaluation evaluation) {
                return " 0.5";
            }
        };
        SearchRequest request = mobile().optObjective("trained").optRerank(2, null).build();
        assertThatThrownBy(() -> request.run(null, details, line -> { })).hasMessageContaining("trained proxy");
        SearchReport report = request.run(expensivePrior("trained-proxy"), details, line -> { });
        JsonNode o = MAPPER.readTree(report.toJson());
        JsonNode rr = o.get("rerank");
        assertThat(rr.get("objective").asText()).isEqualTo("trained-proxy");
        assertThat(rr.get("top_k").asInt()).isEqualTo(2);
        assertThat(rr.get("candidates").size()).isEqualTo(2);
        int best = 0;
        for (JsonNode c : rr.get("candidates")) {
            assertThat(c.get("trained_proxy").get("tar").asDouble()).isEqualTo(0.5);
            best += c.get("best").asBoolean() ? 1 : 0;
        }
        assertThat(best).isEqualTo(1);
        assertThat(o.get("rerank_score").isNumber()).isTrue();
        StringWriter text = new StringWriter();
        report.printText(new PrintWriter(text, true), 20);
        assertThat(text.toString()).contains("re-ranked by trained-proxy (top 2 of prior):").contains(" TAR  point").contains("  <- best");
    }
}
