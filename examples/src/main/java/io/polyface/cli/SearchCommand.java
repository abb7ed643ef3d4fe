package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.Architectures;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.flops.Convention;
import io.polyface.core.search.CandidateCost;
import io.polyface.core.search.CandidateLog;
import io.polyface.core.search.Evaluation;
import io.polyface.core.search.Exhaustive;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.search.FrontPlot;
import io.polyface.core.search.ImageBatchSource;
import io.polyface.core.search.LatencyBudget;
import io.polyface.core.search.ModelSizeBudget;
import io.polyface.core.search.NaswotObjective;
import io.polyface.core.search.Objective;
import io.polyface.core.search.ParamsBudget;
import io.polyface.core.search.RegularizedEvolution;
import io.polyface.core.search.Search;
import io.polyface.core.search.SearchResult;
import io.polyface.core.search.SearchSpace;
import io.polyface.core.search.SearchSpaces;
import io.polyface.core.search.Strategy;
import io.polyface.core.search.CompoundScalingPrior;
import io.polyface.core.util.SharedResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code polyface search}: FLOPs-constrained architecture search; prints the best architecture and the Pareto front. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches a space of architectures for the best one within a FLOPs budget.",
            "The budget is per 112x112 image, the model's own resize counted.",
            "Spaces: polyface (depth, resolution, block type per stage, width, embedding),",
            "polyface-paper (depth and resolution only), mobilefacenet;",
            "NAME[setting=value,...] fixes settings of a space.",
            "Objectives: prior = fill the budget with EfficientNet's balance of depth,",
            "width and resolution (cheap, deterministic); zero-cost = NASWOT score of the",
            "untrained network on real face images (Mellor et al., ICML 2021).",
            "Strategy auto: exhaustive for the prior over spaces of up to 2,000,000",
            "points, else regularized evolution (Real et al., AAAI 2019).",
            "Prints the best architecture and the Pareto front (FLOPs vs objective).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface search --budget 1G --convention lfr --space polyface",
            "  bin/polyface search --budget 30G --space polyface-paper \\",
            "      --rank-of efficient-polyface --plot front.png",
            "  bin/polyface search --budget 1G --space 'mobilefacenet[embedding=256]' \\",
            "      --max-model-mb 20 --save-arch light.json",
            "  bin/polyface flops --arch light.json",
            "  bin/polyface search --budget 0.1G --space mobilefacenet \\",
            "      --objective zero-cost --evaluations 40 --json",
        })
public final class SearchCommand implements Callable<Integer> {

    @Option(names = "--space", paramLabel = "NAME|FILE.json", defaultValue = "polyface",
            description = "Search space: polyface, polyface-paper, mobilefacenet, NAME[setting=value,...] or a space JSON file"
                    + " (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--budget", paramLabel = "FLOPS", required = true,
            description = "FLOPs budget per image: 1G, 0.1G, 500M, 30000000000 (K/M/G/T = powers of 1000).")
    String budget;

    @Option(names = "--convention", paramLabel = "lfr|macs|full", defaultValue = "lfr",
            description = "FLOPs convention of the budget (default: ${DEFAULT-VALUE}, the LFR-2019 rule).")
    String convention;

    @Option(names = "--objective", paramLabel = "prior|zero-cost", defaultValue = "prior",
            description = "What to maximise (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--rerank-zero-cost", paramLabel = "K",
            description = "Re-score the K best candidates of the objective with the zero-cost proxy; its best wins.")
    Integer rerankTopK;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Face images for the zero-cost proxy (PGM/PNG/JPEG, resized to 112x112; default ../shared/data/orl).")
    Path images;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Zero-cost proxy batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "2", description = "Zero-cost proxy batches averaged (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--max-params", paramLabel = "N", description = "Also require trainable parameters <= N (e.g. 5M).")
    String maxParams;

    @Option(names = "--max-model-mb", paramLabel = "MB",
            description = "Also require float32 model size < MB megabytes (10^6 bytes; the light tracks use 20).")
    Double maxModelMb;

    @Option(names = "--max-latency-ms", paramLabel = "MS",
            description = "Also require batch-1 latency <= MS measured on this host (not deterministic).")
    Double maxLatencyMs;

    @Option(names = "--strategy", paramLabel = "auto|exhaustive|evolution", defaultValue = "auto",
            description = "How to walk the space (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--evaluations", paramLabel = "N",
            description = "Evolution: distinct candidates to score (default 5000 for the prior, 100 for zero-cost).")
    Integer evaluations;

    @Option(names = "--population", paramLabel = "N", defaultValue = "64", description = "Evolution: population (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "16", description = "Evolution: tournament sample (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the resulting architecture (default: search-SPACE-BUDGET).")
    String name;

    @Option(names = "--rank-of", paramLabel = "NAME|FILE.json",
            description = "Also report the rank of this architecture (a preset or spec file that is a point of the space).")
    String rankOf;

    @Option(names = "--front-rows", paramLabel = "N", defaultValue = "20",
            description = "Rows of the front printed in the table (evenly thinned; default: ${DEFAULT-VALUE}; --json has all).")
    int frontRows;

    @Option(names = "--json", description = "Print one JSON object (flops, params, objective, arch, front, ...) instead of text.")
    boolean json;

    @Option(names = "--log", paramLabel = "FILE.jsonl", description = "Write every evaluated candidate as JSON Lines.")
    Path log;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Plot the evaluated candidates and the Pareto front (PNG).")
    Path plot;

    @Option(names = "--save-arch", paramLabel = "FILE.json", description = "Write the best architecture's spec (for --arch).")
    Path saveArch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Convention conv = Convention.parse(convention);
        FlopsBudget flopsBudget = FlopsBudget.parse(budget, conv);
        SearchSpace searchSpace = SearchSpaces.get(space);
        Objective main = objective(objective);
        PrintWriter err = spec.commandLine().getErr();
        Search.Builder b = Search.builder().setSpace(searchSpace).setBudget(flopsBudget).optObjective(main).optSeed(seed)
                .optProgress(line -> {
                    err.println("polyface search: " + line);
                    err.flush();
                });
        if (maxParams != null) {
            b.optConstraint(new ParamsBudget(FlopsBudget.parseCount(maxParams, "--max-params")));
        }
        if (maxModelMb != null) {
            b.optConstraint(ModelSizeBudget.megabytes(maxModelMb));
        }
        if (maxLatencyMs != null) {
            b.optConstraint(LatencyBudget.of(maxLatencyMs));
        }
        Strategy s = strategy(searchSpace, main);
        if (s != null) {
            b.optStrategy(s);
        }
        if (rerankTopK != null) {
            if (rerankTopK < 1) {
                throw new IllegalArgumentException("--rerank-zero-cost must be >= 1, got " + rerankTopK);
            }
            b.optRerank(objective("zero-cost"), rerankTopK);
        }
        if (log != null) {
            b.optLog(log);
        }
        ArchSpec ranked = rankOf == null ? null : Architectures.resolve(rankOf, ArchOverrides.NONE);
        SearchResult result = b.build().run();

        String specName = name != null ? name : "search-" + searchSpace.name().replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("-+$", "")
                + "-" + flopsBudget.gflopsText() + "g";
        ArchSpec best = result.bestSpec(specName);
        Evaluation rankedEval = null;
        int rank = 0;
        if (ranked != null) {
            Map<String, Object> point = searchSpace.family().pointOf(ranked);
            rankedEval = result.evaluationOf(point);
            rank = result.rank(point);
        }
        if (saveArch != null) {
            ArchSpecJson.write(best, saveArch);
        }
        if (plot != null) {
            Map<String, Evaluation> markers = new LinkedHashMap<>();
            if (rankedEval != null) {
                markers.put(ranked.name(), rankedEval);
            }
            FrontPlot.write(result, plot, markers);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(toJson(result, best, conv, ranked, rankedEval, rank)));
        } else {
            printText(out, result, best, conv, ranked, rankedEval, rank);
        }
        out.flush();
        return 0;
    }

    private Objective objective(String id) throws java.io.IOException {
        switch (id) {
            case "prior":
                return CompoundScalingPrior.builder().build();
            case "zero-cost":
                Path dir = images != null ? images : SharedResources.resolve("data/orl");
                ImageBatchSource source = ImageBatchSource.fromFolder(dir, 112, Math.max(batchSize * batches, batchSize));
                if (source.imageCount() < batchSize) {
                    throw new IllegalArgumentException("--images " + dir + " holds " + source.imageCount() + " images, fewer than --batch-size "
                            + batchSize);
                }
                return NaswotObjective.builder().setImages(source).optBatchSize(batchSize).optBatches(batches).build();
            default:
                throw new IllegalArgumentException("unknown objective '" + id + "'; expected prior or zero-cost"
                        + " (the trained proxy needs polyface-train)");
        }
    }

    private Strategy strategy(SearchSpace searchSpace, Objective main) {
        switch (strategy) {
            case "exhaustive":
                return new Exhaustive(Exhaustive.DEFAULT_MAX_POINTS);
            case "auto":
                Strategy auto = Search.autoStrategy(searchSpace, main);
                if (auto instanceof Exhaustive) {
                    return auto;
                }
                break;
            case "evolution":
                break;
            default:
                throw new IllegalArgumentException("unknown strategy '" + strategy + "'; expected auto, exhaustive or evolution");
        }
        int evals = evaluations != null ? evaluations : main.expensive() ? 100 : 5000;
        int p = Math.min(population, evals);
        return new RegularizedEvolution(p, Math.min(sample, p), evals);
    }

    private Map<String, Object> toJson(SearchResult r, ArchSpec best, Convention conv, ArchSpec ranked, Evaluation rankedEval, int rank)
            throws Exception {
        CandidateCost c = r.best().candidate().cost();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", r.context().space().name());
        m.put("convention", conv.id());
        m.put("budget", r.context().budget().maxFlops());
        m.put("objective_id", r.objective().id());
        m.put("strategy", r.strategy().provenance());
        m.put("seed", r.context().seed());
        m.put("name", best.name());
        m.put("point", r.best().candidate().values());
        m.put("flops", c.flops(conv));
        m.put("gflops", c.flops(conv) / 1e9);
        m.put("lfr_flops", c.lfrFlops());
        m.put("macs", c.macs());
        m.put("params", c.params());
        m.put("model_bytes", c.modelBytes());
        m.put("objective", finite(r.best().objective()));
        if (r.rerank() != null) {
            r.rerank().candidates().stream().filter(x -> x.evaluation() == r.best()).findFirst()
                    .ifPresent(x -> m.put("rerank_score", finite(x.score())));
        }
        m.put("checked", r.checked());
        m.put("evaluated", r.evaluated().size());
        m.put("infeasible", r.infeasible());
        m.put("invalid", r.invalid());
        JsonNode arch = Json.mapper().readTree(ArchSpecJson.toJson(best));
        m.put("arch", arch);
        List<Map<String, Object>> front = new ArrayList<>();
        for (Evaluation e : r.front()) {
            front.add(CandidateLog.describe(e, conv));
        }
        m.put("front", front);
        if (ranked != null) {
            Map<String, Object> rk = CandidateLog.describe(rankedEval, conv);
            rk.put("arch", ranked.name());
            rk.put("rank", rank);
            m.put("rank_of", rk);
        }
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void printText(PrintWriter out, SearchResult r, ArchSpec best, Convention conv, ArchSpec ranked, Evaluation rankedEval,
                           int rank) {
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
        if (ranked != null) {
            out.println();
            out.println(String.format(Locale.ROOT, "rank of %s: %,d of %,d evaluated (%s %.6g, %.3f GFLOPs %s)", ranked.name(), rank,
                    r.evaluated().size(), r.objective().id(), rankedEval.objective(),
                    rankedEval.candidate().cost().flops(conv) / 1e9, conv.id()));
        }
        if (saveArch != null) {
            out.println();
            out.println("spec written to " + saveArch + " (use it with --arch)");
        }
    }

    /** The settings that vary in the space, as {@code name=value}. */
    private static String point(Evaluation e) {
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
