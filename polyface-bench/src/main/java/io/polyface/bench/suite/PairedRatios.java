package io.polyface.bench.suite;

import io.polyface.bench.aggregation.AggregationBenchmark;
import io.polyface.bench.backbone.DjlForwardBenchmark;
import io.polyface.bench.embed.OrtEmbedderBenchmark;
import io.polyface.bench.eval.AllPairsEvalBenchmark;
import io.polyface.bench.rounds.PairedRatio;
import io.polyface.bench.routes.InferenceRoutes;
import io.polyface.bench.routes.OwnedStates;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every ratio of the short suite, each measured once per round by alternating its two sides block by block
 * ({@link PairedRatio}) on the suite's benchmark states, set up here outside JMH with the same parameters: the
 * embedder beside the bare ONNX Runtime session and DJL's forward pass beside that session (per network, batch 1 and
 * 32), the all-pairs evaluation beside the full and the upper-triangle matrix products (N = 10,000), and each
 * aggregator beside the array copy of the same frames (d 256 and 512, cached).
 *
 * <p>Why not from the JMH scores: two JMH runs one after the other, seconds apart, can catch different states of
 * the machine. On the 2-core AMD EPYC machine ONNX Runtime's 2-thread sessions at batch 1 run for seconds at a
 * time at about half speed (y1 3.5 ms per call, then 6.5–7.5 ms for tens of seconds, both threads busy throughout),
 * and on a busy host a plain Java loop's 100 ms chunks were 35% slow one time in ten: the tiny embedder's overhead
 * went from 2.07 to 1.07 between two idle 5-round runs of JMH ratios (issue 19 item 6). Blocks of ~200 ms back to
 * back see the same state. The states are set up on the first {@link #measure} and kept for the later rounds;
 * {@link #close()} releases them.
 */
final class PairedRatios implements AutoCloseable {

    private static final Duration FIRST_WARMUP = Duration.ofSeconds(1);
    private static final Duration WARMUP = Duration.ofMillis(300);
    private static final Duration MEASURE = Duration.ofSeconds(2);

    /** One ratio: its name and meaning in the summary, and its two sides. */
    record Ratio(String name, String meaning, PairedRatio.Call numerator, PairedRatio.Call denominator) {}

    private final List<String> models;
    private final OwnedStates owned = new OwnedStates();
    private final List<Ratio> ratios = new ArrayList<>();
    private final PairedRatio harness = new PairedRatio();

    /** @param models the networks of the inference ratios (names of {@code BenchArchitectures}) */
    PairedRatios(List<String> models) {
        this.models = List.copyOf(models);
    }

    /**
     * Measures every ratio once, into the current round (setting the states up first if this is the first round).
     *
     * @param into the suite's rounds (a round must have been started)
     * @throws Exception if a state cannot be set up or a call fails
     */
    void measure(SuiteRounds into) throws Exception {
        boolean first = ratios.isEmpty();
        if (first) {
            setUp();
        }
        for (Ratio r : ratios) {
            into.addPairedRatio(r.name(), harness.measure(r.numerator(), r.denominator(), first ? FIRST_WARMUP : WARMUP, MEASURE));
        }
    }

    /** @return the ratios, in summary order (empty before the first {@link #measure}) */
    List<Ratio> ratios() {
        return List.copyOf(ratios);
    }

    private void setUp() throws Exception {
        for (String model : models) {
            for (int batch : new int[] {1, 32}) {
                OrtEmbedderBenchmark ort = InferenceRoutes.onnxRuntime(model, batch, 2);
                owned.own(ort, ort::tearDown);
                DjlForwardBenchmark djl = InferenceRoutes.djl(model, batch);
                owned.own(djl, djl::tearDown);
                ratios.add(new Ratio("embedder overhead " + model + " batch " + batch,
                        "embedder / bare OrtSession.run (target <= 1.10 at batch 32)", ort::embedder, ort::bareSession));
                ratios.add(new Ratio("DJL vs ONNX Runtime " + model + " batch " + batch,
                        "DJL forward / ONNX Runtime session (same network; target <= 1.3 at batch 32)", djl::forward, ort::bareSession));
            }
        }
        AllPairsEvalBenchmark allPairs = new AllPairsEvalBenchmark();
        allPairs.n = 10_000;
        allPairs.d = 256;
        allPairs.tile = 2048;
        allPairs.setUp();
        ratios.add(new Ratio("all-pairs evaluation N=10000", "evaluation / full matrix product (target <= 2)",
                allPairs::allPairsEvaluation, allPairs::matrixProductFull));
        ratios.add(new Ratio("all-pairs evaluation vs upper triangle N=10000",
                "evaluation / upper-triangle product (the pairs it scores; target <= 1.25)",
                allPairs::allPairsEvaluation, allPairs::matrixProductUpperTriangle));
        for (int dim : new int[] {256, 512}) {
            AggregationBenchmark agg = new AggregationBenchmark();
            agg.dim = dim;
            agg.data = "cached";
            agg.setUp();
            AggregationBenchmark.Traffic t = new AggregationBenchmark.Traffic();
            String meaning = "aggregation throughput / array-copy throughput (frames/s)";
            // a throughput ratio: the copy's time per set over the aggregator's
            ratios.add(new Ratio("meanPooling d=" + dim, meaning, () -> agg.arrayCopy(t), () -> agg.meanPooling(t)));
            ratios.add(new Ratio("qan d=" + dim, meaning, () -> agg.arrayCopy(t), () -> agg.qan(t)));
            ratios.add(new Ratio("qanPlusPlus d=" + dim, meaning, () -> agg.arrayCopy(t), () -> agg.qanPlusPlus(t)));
            ratios.add(new Ratio("ijbTemplate d=" + dim, meaning, () -> agg.arrayCopy(t), () -> agg.ijbTemplate(t)));
        }
    }

    @Override
    public void close() throws IOException {
        owned.close();
    }
}
