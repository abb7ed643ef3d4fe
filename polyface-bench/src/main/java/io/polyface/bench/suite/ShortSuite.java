package io.polyface.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.polyface.bench.aggregation.AggregationBenchmark;
import io.polyface.bench.backbone.DjlForwardBenchmark;
import io.polyface.bench.budget.Budget;
import io.polyface.bench.budget.Budgets;
import io.polyface.bench.embed.OrtEmbedderBenchmark;
import io.polyface.bench.eval.AllPairsEvalBenchmark;
import io.polyface.bench.rounds.Interleaving;
import io.polyface.bench.rounds.Spread;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.util.OrderedMaps;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The short benchmark suite (a few minutes per round on a 2-core CPU): ONNX Runtime and DJL inference of
 * {@code mobilefacenet-tiny}, {@code mobilefacenet-y1} and {@code iresnet18} at batch 1 and 32 (embedder beside a
 * bare session), all-pairs evaluation at N = 10,000 beside the matrix products of the same sizes, and aggregation
 * beside an array copy, and training-step throughput ({@code TrainStepBenchmark}: images/s of {@code mobilefacenet-tiny}
 * and {@code mobilefacenet-y1} at batch 32) — every ratio against a reference measured in the same run.
 *
 * <p>Rounds (issue 19, item 6): the suite runs every benchmark once per round ({@code --rounds R}, default 5), the
 * benchmark groups in an order rotated by one per round ({@link Interleaving}), in this JVM (JMH forks 0: no JVM start
 * and engine load per benchmark, which is what lets several rounds fit; training steps in a fork of their own), and
 * each score is reported as the median with its range (min–max) over the rounds. The ratios are one more part of each
 * round, {@link PairedRatios}: both sides of a ratio alternated in blocks of ~200 ms on the same benchmark states,
 * so that both see the same state of the machine; each ratio is reported as the median and range of its per-round
 * values.
 * Writes {@code summary.json} and {@code summary.md} into the output folder and checks the latency budgets of
 * {@code budgets.json}.
 *
 * <p>Run: {@code POLYFACE_BENCH_MAIN=io.polyface.bench.suite.ShortSuite bin/polyface-bench [OUT_DIR] [--rounds R] [--full]}
 * ({@code --full}: one round with JMH's default iteration counts and forks, and every parameter value).
 */
public final class ShortSuite {

    /** Rounds of the short suite unless {@code --rounds R} says otherwise. */
    public static final int DEFAULT_ROUNDS = 5;

    /** The networks of the inference benchmarks. */
    private static final List<String> MODELS = List.of("mobilefacenet-tiny", "mobilefacenet-y1", "iresnet18");

    private ShortSuite() {}

    /** One part of a round: measures into it. */
    @FunctionalInterface
    private interface RoundStep {
        void measure(SuiteRounds into) throws Exception;
    }

    /**
     * Entry point.
     *
     * @param args {@code [OUT_DIR] [--rounds R] [--full]}; OUT_DIR defaults to {@code bench-results}
     * @throws Exception if JMH or writing fails
     */
    public static void main(String[] args) throws Exception {
        List<String> argList = List.of(args);
        boolean full = argList.contains("--full");
        int rounds = full ? 1 : DEFAULT_ROUNDS;
        int at = argList.indexOf("--rounds");
        if (at >= 0) {
            rounds = at + 1 < args.length && args[at + 1].matches("[1-9][0-9]*") ? Integer.parseInt(args[at + 1]) : -1;
            if (rounds < 1) {
                System.err.println("ShortSuite: --rounds needs a whole number >= 1, got " + (at + 1 < args.length ? args[at + 1] : "nothing"));
                System.exit(2);
            }
        }
        Path out = Path.of(argList.stream().filter(a -> !a.startsWith("--") && !a.matches("[0-9]+")).findFirst().orElse("bench-results"));
        Files.createDirectories(out);
        Instant started = Instant.now();
        SuiteRounds measured = new SuiteRounds();
        List<PairedRatios.Ratio> ratios;
        try (PairedRatios paired = new PairedRatios(MODELS)) {
            List<RoundStep> steps = new ArrayList<>();
            for (ChainedOptionsBuilder group : groups(full)) {
                steps.add(into -> into.add(run(group)));
            }
            steps.add(paired::measure);
            for (int round = 0; round < rounds; round++) {
                measured.startRound();
                for (int g : Interleaving.order(steps.size(), round)) {
                    steps.get(g).measure(measured);
                }
            }
            ratios = paired.ratios();
        }
        Map<String, Object> summary = summarise(measured, ratios, started);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] json = mapper.writeValueAsBytes(summary);
        AtomicFileWriter.write(out.resolve("summary.json"), o -> o.write(json));
        byte[] md = markdown(summary).getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(out.resolve("summary.md"), o -> o.write(md));
        System.out.println(new String(md, StandardCharsets.UTF_8));
        System.out.println("written: " + out.resolve("summary.json") + ", " + out.resolve("summary.md"));
    }

    /** The benchmark groups, one JMH run each per round. */
    private static List<ChainedOptionsBuilder> groups(boolean full) {
        List<ChainedOptionsBuilder> groups = new ArrayList<>();
        groups.add(base(full).include(OrtEmbedderBenchmark.class.getSimpleName())
                .param("model", MODELS.toArray(String[]::new)).param("batch", "1", "32"));
        groups.add(base(full).include(DjlForwardBenchmark.class.getSimpleName())
                .param("arch", MODELS.toArray(String[]::new)).param("batch", "1", "32"));
        groups.add(base(full).include(AllPairsEvalBenchmark.class.getSimpleName()).param("n", "10000")
                .warmupIterations(1).measurementIterations(full ? 5 : 2));
        groups.add(base(full).include(AggregationBenchmark.class.getSimpleName()).param("data", "cached"));
        for (String extra : extraIncludes()) {
            ChainedOptionsBuilder b = base(full).include(extra);
            if (!full && extra.equals("TrainStepBenchmark")) {
                // a training step of mobilefacenet-y1 takes about a second: 1-second iterations would hold one step each.
                // Forked, as in the earlier runs the README reports (it had to be: on JMH's thread, which had not loaded the
                // engine, libtorch's grad mode was on and the SGD update failed; io.polyface.core.nn.GradMode fixes that)
                b.forks(1).warmupTime(TimeValue.seconds(4)).measurementIterations(1).measurementTime(TimeValue.seconds(6));
            }
            groups.add(b);
        }
        return groups;
    }

    /** Benchmarks other modules add to the short suite (by class simple name), e.g. training-step throughput. */
    private static List<String> extraIncludes() {
        String extra = System.getProperty("polyface.bench.extra", "TrainStepBenchmark");
        List<String> out = new ArrayList<>();
        for (String name : extra.split(",")) {
            if (!name.isBlank() && classExists(name.strip())) {
                out.add(name.strip());
            }
        }
        return out;
    }

    private static boolean classExists(String simpleName) {
        try (var in = ShortSuite.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            return in != null && new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("." + simpleName + " "); // lines read "JMH S <len> <package>.<Class> S ..."
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static ChainedOptionsBuilder base(boolean full) {
        ChainedOptionsBuilder b = new OptionsBuilder().shouldFailOnError(true);
        if (full) {
            b.forks(1);
        } else {
            // in this JVM (started with the benchmarks' -Xmx8g and -Dai.djl.offline=true by bin/polyface-bench)
            b.forks(0).warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        return b;
    }

    private static List<SuiteEntry> run(ChainedOptionsBuilder options) throws Exception {
        List<SuiteEntry> out = new ArrayList<>();
        for (RunResult r : new Runner(options.build()).run()) {
            Map<String, String> params = new TreeMap<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.put(key, r.getParams().getParam(key));
            }
            out.add(new SuiteEntry(r.getParams().getBenchmark().replaceFirst("^io\\.polyface\\.bench\\.", ""), params,
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), r.getPrimaryResult().getScoreUnit()));
            // secondary results, e.g. TrainStepBenchmark's images counter (images/s), as entries "Class.method:label"
            for (var secondary : r.getSecondaryResults().entrySet()) {
                if (!secondary.getKey().equals("images")) {
                    continue; // JMH's own counters (e.g. bytes read/written) are not summarised
                }
                var res = secondary.getValue();
                String unit = res.getScoreUnit().replace("ops", secondary.getKey());
                out.add(new SuiteEntry(r.getParams().getBenchmark().replaceFirst("^io\\.polyface\\.bench\\.", "") + ":" + secondary.getKey(),
                        params, res.getScore(), res.getScoreError(), unit));
            }
        }
        return out;
    }

    private static Map<String, Object> summarise(SuiteRounds measured, List<PairedRatios.Ratio> paired, Instant started) throws Exception {
        Map<String, Object> s = OrderedMaps.of("suite", "short", "started", started.toString(),
                "finished", Instant.now().toString(), "processors", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "rounds", measured.count());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (SuiteEntry e : measured.firstRound()) {
            List<Double> scores = measured.scores(e.benchmark(), e.params());
            Spread spread = Spread.of(scores);
            Map<String, Object> m = OrderedMaps.of("benchmark", e.benchmark(), "params", e.params(),
                    "score", spread.median(), "min", spread.min(), "max", spread.max(), "per_round", scores,
                    "unit", e.unit());
            entries.add(m);
        }
        s.put("entries", entries);
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (PairedRatios.Ratio r : paired) {
            measured.pairedRatio(r.name()).ifPresent(spread -> ratios.add(OrderedMaps.of("name", r.name(), "ratio", spread.median(),
                    "min", spread.min(), "max", spread.max(), "rounds", spread.rounds(), "meaning", r.meaning())));
        }
        s.put("ratios", ratios);
        s.put("latency_budgets", latencyChecks(measured));
        return s;
    }

    private static List<Map<String, Object>> latencyChecks(SuiteRounds measured) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        Path file = Path.of("polyface-bench/budgets.json");
        if (!Files.exists(file)) {
            file = Path.of("budgets.json");
        }
        for (Budget b : Budgets.read(file)) {
            if (b.latencyBudgetMs() == null) {
                continue;
            }
            Double ms = measured.medianScore("bareSession", Map.of("model", b.preset(), "batch", String.valueOf(b.batch()))).orElse(null);
            Map<String, Object> m = OrderedMaps.of("preset", b.preset(), "batch", b.batch(),
                    "budget_ms", b.latencyBudgetMs(), "measured_ms", ms,
                    "within", ms == null ? null : ms <= b.latencyBudgetMs());
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> s) {
        StringBuilder md = new StringBuilder();
        md.append("# PolyFace short benchmark suite\n\n");
        md.append(String.format(Locale.ROOT, "%s to %s, %s processors, Java %s. %s interleaved rounds; scores from JMH, median"
                + " (min–max) over the rounds; each ratio measured in every round by alternating its two sides in blocks of"
                + " ~200 ms (median over the pairs of blocks), then its median (min–max) over the rounds.%n%n",
                s.get("started"), s.get("finished"), s.get("processors"), s.get("java"), s.get("rounds")));
        md.append("| benchmark | parameters | score | min–max | unit |\n|---|---|---:|---:|---|\n");
        for (Map<String, Object> e : (List<Map<String, Object>>) s.get("entries")) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.4g | %.4g–%.4g | %s |%n", e.get("benchmark"), e.get("params"),
                    (Double) e.get("score"), (Double) e.get("min"), (Double) e.get("max"), e.get("unit")));
        }
        md.append("\n| ratio | median | min–max | meaning |\n|---|---:|---:|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) s.get("ratios")) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f–%.3f | %s |%n", r.get("name"), (Double) r.get("ratio"),
                    (Double) r.get("min"), (Double) r.get("max"), r.get("meaning")));
        }
        md.append("\n| latency budget | batch | budget ms | measured ms (ONNX Runtime, 2 threads) | within |\n|---|---:|---:|---:|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) s.get("latency_budgets")) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.get("preset"), r.get("batch"), r.get("budget_ms"),
                    r.get("measured_ms") == null ? "not in this suite" : String.format(Locale.ROOT, "%.2f", (Double) r.get("measured_ms")),
                    r.get("within") == null ? "-" : r.get("within")));
        }
        return md.toString();
    }
}
