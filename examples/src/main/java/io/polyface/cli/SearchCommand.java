package io.polyface.cli;

import io.polyface.cli.common.ThreadsOption;

import io.polyface.cli.common.SeedOption;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.flops.Convention;
import io.polyface.core.search.Evaluation;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.search.FrontPlot;
import io.polyface.core.search.LatencyBudget;
import io.polyface.core.search.ModelSizeBudget;
import io.polyface.core.search.ParamsBudget;
import io.polyface.core.search.SearchReport;
import io.polyface.core.search.SearchRequest;
import io.polyface.core.search.SearchSpace;
import io.polyface.core.search.SearchSpaces;
import io.polyface.devtree.SharedResources;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.search.TrainedProxyConfig;
import io.polyface.train.search.TrainedProxyDetails;
import io.polyface.train.search.TrainedProxyObjective;
import io.polyface.train.stop.SignalStop;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    @Mixin
    ConventionOption convention;

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

    @Mixin
    ThreadsOption threads;

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
        threads.apply();
        Convention conv = convention.value();
        FlopsBudget flopsBudget = FlopsBudget.parse(budget, conv);
        SearchSpace searchSpace = SearchSpaces.get(space);
        if (rerankZeroCost != null && (rerank != null || rerankObjective != null)) {
            throw new IllegalArgumentException("--rerank-zero-cost K is short for --rerank K --rerank-objective zero-cost; give one or the other");
        }
        if (rerankZeroCost != null && rerankZeroCost < 1) {
            throw new IllegalArgumentException("--rerank-zero-cost must be >= 1, got " + rerankZeroCost);
        }
        SearchRequest.Builder b = SearchRequest.builder().setSpace(searchSpace).setBudget(flopsBudget).optObjective(objective)
                .optRerank(rerankZeroCost != null ? rerankZeroCost : rerank, rerankZeroCost != null ? "zero-cost" : rerankObjective)
                .optStrategy(strategy).optEvolution(evaluations, population, sample).optSeed(seed.value()).optName(name).optLog(log)
                .optZeroCostImages(images, batchSize, batches);
        if (maxParams != null) {
            b.optConstraint(new ParamsBudget(FlopsBudget.parseCount(maxParams, "--max-params")));
        }
        if (maxModelMb != null) {
            b.optConstraint(ModelSizeBudget.megabytes(maxModelMb));
        }
        if (maxLatencyMs != null) {
            b.optConstraint(LatencyBudget.of(maxLatencyMs));
        }
        SearchRequest request = b.build();
        if (request.usesZeroCost() && images == null) {
            request = b.optZeroCostImages(SharedResources.resolve("data/orl"), batchSize, batches).build();
        }
        if (data != null && !request.needsTrainedProxy()) {
            throw new IllegalArgumentException("--data is the trained proxy's dataset; use it with --objective trained"
                    + " or --rerank K --rerank-objective trained");
        }
        StopRequest stop = new StopRequest();
        PrintWriter err = spec.commandLine().getErr();
        try (FaceDataset proxyData = request.needsTrainedProxy() ? openProxyData() : null;
             SignalStop signals = request.needsTrainedProxy() ? Interruption.install(spec, stop) : null) {
            TrainedProxyObjective proxy = proxyData == null ? null : trainedProxy(proxyData, err, stop);
            if (rankOf != null) {
                request = b.optRankOf(Architectures.resolve(rankOf, ArchOverrides.NONE)).build();
            }
            SearchReport report = request.run(proxy, proxy == null ? null : new TrainedProxyDetails(proxy), line -> {
                err.println("polyface search: " + line);
                err.flush();
            });
            print(report);
            return 0;
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

    private TrainedProxyObjective trainedProxy(FaceDataset proxyData, PrintWriter err, StopRequest stop) {
        TrainedProxyConfig config = TrainedProxyConfig.builder().optSteps(proxySteps).optBatchSize(proxyBatch).optLearningRate(proxyLr)
                .optLoss(proxyLoss).optHeldOutIdentities(holdoutIds).optFar(proxyFar).build();
        try {
            return TrainedProxyObjective.builder().setData(proxyData).optConfig(config).optProgress(line -> {
                err.println("polyface search: trained proxy: " + line);
                err.flush();
            }).optStopRequest(stop).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--holdout-ids " + holdoutIds + " with --data " + data + ": " + e.getMessage(), e);
        }
    }

    private void print(SearchReport report) throws IOException {
        if (saveArch != null) {
            ArchSpecJson.write(report.best(), saveArch);
        }
        if (plot != null) {
            Map<String, Evaluation> markers = new LinkedHashMap<>();
            if (report.rankOf() != null) {
                markers.put(report.rankOf().name(), report.rankOfEvaluation());
            }
            FrontPlot.write(report.result(), plot, markers);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            report.printText(out, frontRows);
            if (saveArch != null) {
                out.println();
                out.println("spec written to " + saveArch + " (use it with --arch)");
            }
        }
        out.flush();
    }
}
