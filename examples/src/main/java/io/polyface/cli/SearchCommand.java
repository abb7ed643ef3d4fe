package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.cli.common.Json;
import io.polyface.cli.common.SeedOption;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.flops.Convention;
import io.polyface.core.search.CandidateCost;
import io.polyface.core.search.CandidateLog;
import io.polyface.core.search.CompoundScalingPrior;
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
import io.polyface.core.util.SharedResources;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.search.TrainedProxyConfig;
import io.polyface.train.search.TrainedProxyObjective;
import io.polyface.train.stop.SignalStop;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
            "untrained network on real face images (Mellor et al., ICML 2021);",
            "trained = the prior ranks the space, then its top K (--rerank, default 3) are",
            "each trained briefly on --data (--proxy-steps steps) and re-ranked by TAR at",
            "--proxy-far on all pairs of the last --holdout-ids identities, never trained on",
            "(training every candidate would take days; a 0.1 GFLOPs candidate took 26-31 s",
            "at the defaults with OMP_NUM_THREADS=1 on a shared 2-core CPU, minutes with",
            "PyTorch's default threads). --rerank K --rerank-objective trained|zero-cost",
            "re-ranks the top K of any objective.",
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
            "  bin/polyface search --budget 0.1G --space 'mobilefacenet[embedding=128]' \\",
            "      --objective trained --data ../shared/data/orl --holdout-ids 10 --rerank 3",
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

    @Option(names = "--objective", paramLabel = "prior|zero-cost|trained", defaultValue = "prior",
            description = "What to maximise (default: ${DEFAULT-VALUE}); trained = prior, then the top --rerank K re-ranked by"
                    + " the trained proxy.")
    String objective;

    @Option(names = "--rerank", paramLabel = "K",
            description = "Re-score the K best candidates of the objective with --rerank-objective; its best wins"
                    + " (default 3 with --objective trained).")
    Integer rerank;

    @Option(names = "--rerank-objective", paramLabel = "zero-cost|trained",
            description = "Objective of --rerank (default: trained with --objective trained, else zero-cost).")
    String rerankObjective;

    @Option(names = "--rerank-zero-cost", paramLabel = "K", description = "Same as --rerank K --rerank-objective zero-cost.")
    Integer rerankZeroCost;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Trained proxy: proxy dataset (image folder, one sub-folder per identity; list file or .rec).")
    Path data;

    @Option(names = "--holdout-ids", paramLabel = "K", defaultValue = "10",
            description = "Trained proxy: the last K identities of --data, scored and never trained on (default: ${DEFAULT-VALUE}).")
    int holdoutIds;

    @Option(names = "--proxy-steps", paramLabel = "N", defaultValue = "30",
            description = "Trained proxy: training steps per candidate (default: ${DEFAULT-VALUE}).")
    long proxySteps;

    @Option(names = "--proxy-batch", paramLabel = "B", defaultValue = "32",
            description = "Trained proxy: images per step (default: ${DEFAULT-VALUE}).")
    int proxyBatch;

    @Option(names = "--proxy-lr", paramLabel = "LR", defaultValue = "0.1",
            description = "Trained proxy: base learning rate, cosine schedule (default: ${DEFAULT-VALUE}).")
    double proxyLr;

    @Option(names = "--proxy-loss", paramLabel = "NAME", defaultValue = "arcnegface",
            description = "Trained proxy: margin loss (default: ${DEFAULT-VALUE}).")
    String proxyLoss;

    @Option(names = "--proxy-far", paramLabel = "FAR", defaultValue = "1e-2",
            description = "Trained proxy: FAR of the held-out TAR it ranks by (default: ${DEFAULT-VALUE}).")
    double proxyFar;

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

    @Mixin
    SeedOption seed;

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

    /** The trained proxy, when it re-ranks (its measurements go to the output). */
    private TrainedProxyObjective proxy;

    @Override
    public Integer call() throws Exception {
        Convention conv = Convention.parse(convention);
        FlopsBudget flopsBudget = FlopsBudget.parse(budget, conv);
        SearchSpace searchSpace = SearchSpaces.get(space);
        boolean trained = objective.equals("trained");
        if (rerankZeroCost != null && (rerank != null || rerankObjective != null)) {
            throw new IllegalArgumentException("--rerank-zero-cost K is short for --rerank K --rerank-objective zero-cost; give one or the other");
        }
        Integer topK = rerankZeroCost != null ? rerankZeroCost : rerank;
        String topKOption = rerankZeroCost != null ? "--rerank-zero-cost" : "--rerank";
        String rerankId = rerankZeroCost != null ? "zero-cost" : rerankObjective != null ? rerankObjective : trained ? "trained" : "zero-cost";
        if (trained && !rerankId.equals("trained")) {
            throw new IllegalArgumentException("--objective trained re-ranks with the trained proxy; for a " + rerankId
                    + " re-ranking use --objective prior");
        }
        if (trained && topK == null) {
            topK = 3;
        }
        if (topK == null && rerankObjective != null) {
            throw new IllegalArgumentException("--rerank-objective " + rerankObjective + " needs --rerank K");
        }
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException(topKOption + " must be >= 1, got " + topK);
        }
        boolean needsProxy = topK != null && rerankId.equals("trained");
        if (data != null && !needsProxy) {
            throw new IllegalArgumentException("--data is the trained proxy's dataset; use it with --objective trained"
                    + " or --rerank K --rerank-objective trained");
        }
        StopRequest stop = new StopRequest();
        try (FaceDataset proxyData = needsProxy ? openProxyData() : null;
             SignalStop signals = needsProxy ? Interruption.install(spec, stop) : null) {
            return search(conv, flopsBudget, searchSpace, trained ? "prior" : objective, topK, rerankId, proxyData, stop);
        } catch (StoppedException e) {
            return Interruption.report(spec, e, false);
        }
    }

    private FaceDataset openProxyData() {
        if (data == null) {
            throw new IllegalArgumentException("the trained proxy needs --data DIR: an image folder with one sub-folder per identity"
                    + " (e.g. --data ../shared/data/orl)");
        }
        if (!Files.exists(data)) {
            throw new IllegalArgumentException("--data " + data + ": not found (expected an image folder with one sub-folder per"
                    + " identity, a list file or a .rec file)");
        }
        try {
            return Datasets.open(data);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--data " + data + ": " + e.getMessage(), e);
        }
    }

    private Integer search(Convention conv, FlopsBudget flopsBudget, SearchSpace searchSpace, String mainId, Integer topK,
                           String rerankId, FaceDataset proxyData, StopRequest stop) throws Exception {
        Objective main = objective(mainId);
        PrintWriter err = spec.commandLine().getErr();
        Search.Builder b = Search.builder().setSpace(searchSpace).setBudget(flopsBudget).optObjective(main).optSeed(seed.value())
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
        if (topK != null) {
            b.optRerank(rerankId.equals("trained") ? trainedProxy(proxyData, err, stop) : rerankObjective(rerankId), topK);
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

    private Objective rerankObjective(String id) throws IOException {
        if (!id.equals("zero-cost")) {
            throw new IllegalArgumentException("unknown --rerank-objective '" + id + "'; expected zero-cost or trained");
        }
        return objective(id);
    }

    private TrainedProxyObjective trainedProxy(FaceDataset proxyData, PrintWriter err, StopRequest stop) {
        TrainedProxyConfig config = TrainedProxyConfig.builder().optSteps(proxySteps).optBatchSize(proxyBatch).optLearningRate(proxyLr)
                .optLoss(proxyLoss).optHeldOutIdentities(holdoutIds).optFar(proxyFar).build();
        try {
            proxy = TrainedProxyObjective.builder().setData(proxyData).optConfig(config).optProgress(line -> {
                err.println("polyface search: trained proxy: " + line);
                err.flush();
            }).optStopRequest(stop).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--holdout-ids " + holdoutIds + " with --data " + data + ": " + e.getMessage(), e);
        }
        return proxy;
    }

    private Objective objective(String id) throws IOException {
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
                throw new IllegalArgumentException("unknown objective '" + id + "'; expected prior, zero-cost or trained");
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
        if (r.rerank() != null) {
            Map<String, Object> rr = new LinkedHashMap<>();
            rr.put("objective", r.rerank().objective().id());
            rr.put("top_k", r.rerank().topK());
            List<Map<String, Object>> candidates = new ArrayList<>();
            for (SearchResult.Reranked x : r.rerank().candidates()) {
                Map<String, Object> d = CandidateLog.describe(x.evaluation(), conv);
                d.put("rerank_score", finite(x.score()));
                d.put("best", x.evaluation() == r.best());
                if (proxy != null) {
                    proxy.measurement(x.evaluation().candidate()).ifPresent(p -> d.put("trained_proxy", p.toJson()));
                }
                candidates.add(d);
            }
            rr.put("candidates", candidates);
            m.put("rerank", rr);
        }
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
        if (r.rerank() != null) {
            out.println();
            out.println(String.format(Locale.ROOT, "re-ranked by %s (top %d of %s):", r.rerank().objective().id(), r.rerank().topK(),
                    r.objective().id()));
            out.println(String.format(Locale.ROOT, "  %10s %14s %12s %12s%s  %s", "GFLOPs", "params", r.objective().id(), "score",
                    proxy != null ? String.format(Locale.ROOT, " %12s %8s", "TAR@" + EvaluationResult.farKey(proxy.config().far()),
                            "seconds") : "", "point"));
            for (SearchResult.Reranked x : r.rerank().candidates()) {
                Evaluation f = x.evaluation();
                String extra = proxy == null ? "" : proxy.measurement(f.candidate()).map(p -> String.format(Locale.ROOT, " %12.4f %8.1f",
                        p.tar(), p.seconds())).orElse("");
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
