package io.polyface.core.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.util.OrderedMaps;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link SearchRequest} found: the best architecture, the Pareto front, the re-ranking and the rank of a reference
 * architecture, as one JSON object ({@link #toJson()}, Jackson) or as the text {@code polyface search} prints.
 *
 * @param result the search's result
 * @param best the best architecture's spec (named)
 * @param convention the FLOPs convention of the budget (FLOPs in the text and {@code flops}/{@code gflops} in JSON)
 * @param rankOf the reference architecture, or {@code null}
 * @param rankOfEvaluation its evaluation, or {@code null} without {@code rankOf}
 * @param rank its 1-based rank among the evaluated candidates (0 without {@code rankOf})
 * @param rerankDetails per-candidate measurements of the re-ranking objective, or {@code null}
 */
public record SearchReport(SearchResult result, ArchSpec best, Convention convention, ArchSpec rankOf, Evaluation rankOfEvaluation,
                           int rank, RerankDetails rerankDetails) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** @return the report as one compact JSON object (NaN and infinite objectives as {@code null}) */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the search report as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @return the JSON-ready form: space, convention, budget, objective_id, strategy, seed, name, point, flops, gflops,
     *     lfr_flops, macs, params, model_bytes, objective, [rerank_score], checked, evaluated, infeasible, invalid, arch,
     *     front, [rerank], [rank_of]
     */
    public Map<String, Object> toMap() {
        SearchResult r = result;
        CandidateCost c = r.best().candidate().cost();
        Map<String, Object> m = OrderedMaps.of("space", r.context().space().name(), "convention", convention.id(),
                "budget", r.context().budget().maxFlops(), "objective_id", r.objective().id(),
                "strategy", r.strategy().provenance(), "seed", r.context().seed(), "name", best.name(),
                "point", r.best().candidate().values(), "flops", c.flops(convention),
                "gflops", c.flops(convention) / 1e9, "lfr_flops", c.lfrFlops(), "macs", c.macs(), "params", c.params(),
                "model_bytes", c.modelBytes(), "objective", CandidateLog.finite(r.best().objective()));
        if (r.rerank() != null) {
            r.rerank().candidates().stream().filter(x -> x.evaluation() == r.best()).findFirst()
                    .ifPresent(x -> m.put("rerank_score", CandidateLog.finite(x.score())));
        }
        m.put("checked", r.checked());
        m.put("evaluated", r.evaluated().size());
        m.put("infeasible", r.infeasible());
        m.put("invalid", r.invalid());
        try {
            m.put("arch", MAPPER.readTree(ArchSpecJson.toJson(best)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back the spec JSON of " + best.name() + ": " + e.getMessage(), e);
        }
        List<Map<String, Object>> front = new ArrayList<>();
        for (Evaluation e : r.front()) {
            front.add(CandidateLog.describe(e, convention));
        }
        m.put("front", front);
        if (r.rerank() != null) {
            Map<String, Object> rr = OrderedMaps.of("objective", r.rerank().objective().id(),
                    "top_k", r.rerank().topK());
            List<Map<String, Object>> candidates = new ArrayList<>();
            for (SearchResult.Reranked x : r.rerank().candidates()) {
                Map<String, Object> d = CandidateLog.describe(x.evaluation(), convention);
                d.put("rerank_score", CandidateLog.finite(x.score()));
                d.put("best", x.evaluation() == r.best());
                if (rerankDetails != null) {
                    rerankDetails.json(x.evaluation()).ifPresent(p -> d.put(rerankDetails.jsonKey(), p));
                }
                candidates.add(d);
            }
            rr.put("candidates", candidates);
            m.put("rerank", rr);
        }
        if (rankOf != null) {
            Map<String, Object> rk = CandidateLog.describe(rankOfEvaluation, convention);
            rk.put("arch", rankOf.name());
            rk.put("rank", rank);
            m.put("rank_of", rk);
        }
        return m;
    }

    /**
     * Prints the report as text: the search, the best architecture, the re-ranking table, the Pareto front (thinned
     * evenly to {@code frontRows} rows) and the reference architecture's rank.
     *
     * @param out where to print
     * @param frontRows rows of the front shown (at least 1)
     */
    public void printText(PrintWriter out, int frontRows) {
        SearchResult r = result;
        Convention conv = convention;
        SearchSpace sp = r.context().space();
        out.println(String.format(Locale.ROOT, "search: space %s (%,d points), %s, objective %s, strategy %s, seed %d",
                sp.name(), sp.size(), String.join(", ", r.constraints().stream().map(x -> x.describe()).toList()),
                r.objective().id(), r.strategy().id(), r.context().seed()));
        out.println(String.format(Locale.ROOT, "checked %,d points: %,d evaluated, %,d rejected by constraints, %,d invalid",
                r.checked(), r.evaluated().size(), r.infeasible(), r.invalid()));
        out.println();
        Evaluation e = r.best();
        CandidateCost c = e.candidate().cost();
        out.println("best: " + best.name() + "  " + point(e));
        out.println(String.format(Locale.ROOT, "  %s FLOPs %,d (%.3f GFLOPs, %.1f%% of budget), params %,d, model %.2f MB (float32), %s %.6g",
                conv.id(), c.flops(conv), c.flops(conv) / 1e9, 100.0 * r.context().budget().use(c.flops(conv)), c.params(),
                c.modelBytes() / 1e6, r.objective().id(), e.objective()));
        if (r.rerank() != null) {
            r.rerank().candidates().stream().filter(x -> x.evaluation() == e).findFirst().ifPresent(x -> out.println(String.format(
                    Locale.ROOT, "  re-ranked among the top %d by %s: %.6g", r.rerank().topK(), r.rerank().objective().id(), x.score())));
            out.println();
            out.println(String.format(Locale.ROOT, "re-ranked by %s (top %d of %s):", r.rerank().objective().id(), r.rerank().topK(),
                    r.objective().id()));
            out.println(String.format(Locale.ROOT, "  %10s %14s %12s %12s%s  %s", "GFLOPs", "params", r.objective().id(), "score",
                    rerankDetails != null ? rerankDetails.textHeader() : "", "point"));
            for (SearchResult.Reranked x : r.rerank().candidates()) {
                Evaluation f = x.evaluation();
                String extra = rerankDetails == null ? "" : rerankDetails.textRow(f);
                out.println(String.format(Locale.ROOT, "  %10.4f %,14d %12.6g %12.6g%s  %s%s", f.candidate().cost().flops(conv) / 1e9,
                        f.candidate().cost().params(), f.objective(), x.score(), extra, point(f), f == e ? "  <- best" : ""));
            }
        }
        out.println();
        List<Evaluation> front = r.front();
        int rows = Math.max(1, Math.min(frontRows, front.size()));
        out.println(String.format(Locale.ROOT, "Pareto front (%s FLOPs vs %s): %,d points%s", conv.id(), r.objective().id(), front.size(),
                rows < front.size() ? ", " + rows + " shown evenly (all in --json)" : ""));
        out.println(String.format(Locale.ROOT, "  %10s %14s %12s  %s", "GFLOPs", "params", r.objective().id(), "point"));
        for (int i = 0; i < rows; i++) {
            int k = rows == 1 ? front.size() - 1 : (int) Math.round(i * (front.size() - 1) / (double) (rows - 1));
            Evaluation f = front.get(k);
            out.println(String.format(Locale.ROOT, "  %10.4f %,14d %12.6g  %s", f.candidate().cost().flops(conv) / 1e9,
                    f.candidate().cost().params(), f.objective(), point(f)));
        }
        if (rankOf != null) {
            out.println();
            out.println(String.format(Locale.ROOT, "rank of %s: %,d of %,d evaluated (%s %.6g, %.3f GFLOPs %s)", rankOf.name(), rank,
                    r.evaluated().size(), r.objective().id(), rankOfEvaluation.objective(),
                    rankOfEvaluation.candidate().cost().flops(conv) / 1e9, conv.id()));
        }
    }

    /** The settings that vary in the space, as {@code name=value}. */
    static String point(Evaluation e) {
        SearchSpace sp = e.candidate().space();
        List<String> parts = new ArrayList<>();
        e.candidate().values().forEach((k, v) -> {
            if (sp.dimension(k).size() > 1) {
                parts.add(k + "=" + v);
            }
        });
        return parts.isEmpty() ? "(every setting fixed)" : String.join(" ", parts);
    }
}
