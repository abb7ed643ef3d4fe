package io.polyface.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.polyface.bench.aggregation.AggregationBenchmark;
import io.polyface.bench.backbone.DjlForwardBenchmark;
import io.polyface.bench.budget.Budget;
import io.polyface.bench.budget.Budgets;
import io.polyface.bench.embed.OrtEmbedderBenchmark;
import io.polyface.bench.eval.AllPairsEvalBenchmark;
import io.polyface.core.io.AtomicFileWriter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The short benchmark suite (about 10 minutes on a 2-core CPU): ONNX Runtime and DJL inference of
 * {@code mobilefacenet-tiny}, {@code mobilefacenet-y1} and {@code iresnet18} at batch 1 and 32 (embedder beside a
 * bare session), all-pairs evaluation at N = 10,000 beside the matrix products of the same sizes, and aggregation
 * beside an array copy, and training-step throughput ({@code TrainStepBenchmark}: images/s of {@code mobilefacenet-tiny}
 * and {@code mobilefacenet-y1} at batch 32) — every ratio against a reference measured in the same run. Writes
 * {@code summary.json} and {@code summary.md} into the output folder and checks the latency budgets of
 * {@code budgets.json}.
 *
 * <p>Run: {@code POLYFACE_BENCH_MAIN=io.polyface.bench.suite.ShortSuite bin/polyface-bench [OUT_DIR] [--full]}
 * ({@code --full}: JMH's default iteration counts and every parameter value).
 */
public final class ShortSuite {

    private ShortSuite() {}

    /**
     * Entry point.
     *
     * @param args {@code [OUT_DIR] [--full]}; OUT_DIR defaults to {@code bench-results}
     * @throws Exception if JMH or writing fails
     */
    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        Path out = Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("bench-results"));
        Files.createDirectories(out);
        Instant started = Instant.now();
        List<SuiteEntry> entries = new ArrayList<>();
        entries.addAll(run(base(full).include(OrtEmbedderBenchmark.class.getSimpleName())
                .param("model", "mobilefacenet-tiny", "mobilefacenet-y1", "iresnet18").param("batch", "1", "32"), full));
        entries.addAll(run(base(full).include(DjlForwardBenchmark.class.getSimpleName())
                .param("arch", "mobilefacenet-tiny", "mobilefacenet-y1", "iresnet18").param("batch", "1", "32"), full));
        entries.addAll(run(base(full).include(AllPairsEvalBenchmark.class.getSimpleName()).param("n", "10000")
                .warmupIterations(1).measurementIterations(full ? 5 : 2), full));
        entries.addAll(run(base(full).include(AggregationBenchmark.class.getSimpleName()).param("data", "cached"), full));
        for (String extra : extraIncludes()) {
            ChainedOptionsBuilder b = base(full).include(extra);
            if (!full && extra.equals("TrainStepBenchmark")) {
                // a training step of mobilefacenet-y1 takes about a second: 1-second iterations would hold one step each
                b.warmupTime(TimeValue.seconds(10)).measurementTime(TimeValue.seconds(10));
            }
            entries.addAll(run(b, full));
        }
        Map<String, Object> summary = summarise(entries, started);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] json = mapper.writeValueAsBytes(summary);
        AtomicFileWriter.write(out.resolve("summary.json"), o -> o.write(json));
        byte[] md = markdown(summary).getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(out.resolve("summary.md"), o -> o.write(md));
        System.out.println(new String(md, StandardCharsets.UTF_8));
        System.out.println("written: " + out.resolve("summary.json") + ", " + out.resolve("summary.md"));
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
        ChainedOptionsBuilder b = new OptionsBuilder().forks(1).shouldFailOnError(true);
        if (!full) {
            b.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        return b;
    }

    private static List<SuiteEntry> run(ChainedOptionsBuilder options, boolean full) throws Exception {
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

    private static Map<String, Object> summarise(List<SuiteEntry> entries, Instant started) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("suite", "short");
        s.put("started", started.toString());
        s.put("finished", Instant.now().toString());
        s.put("processors", Runtime.getRuntime().availableProcessors());
        s.put("java", System.getProperty("java.version"));
        s.put("entries", entries);
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (String model : List.of("mobilefacenet-tiny", "mobilefacenet-y1", "iresnet18")) {
            for (String batch : List.of("1", "32")) {
                Map<String, String> p = Map.of("model", model, "batch", batch);
                ratio(ratios, "embedder overhead " + model + " batch " + batch, entries, "embedder", p, "bareSession", p,
                        "embedder / bare OrtSession.run (target <= 1.10 at batch 32)");
                ratio(ratios, "DJL vs ONNX Runtime " + model + " batch " + batch, entries, "forward", Map.of("arch", model, "batch", batch),
                        "bareSession", p, "DJL forward / ONNX Runtime session (same network)");
            }
        }
        ratio(ratios, "all-pairs evaluation N=10000", entries, "allPairsEvaluation", Map.of(), "matrixProductFull", Map.of(),
                "evaluation / full matrix product (target <= 2)");
        ratio(ratios, "all-pairs evaluation vs upper triangle N=10000", entries, "allPairsEvaluation", Map.of(),
                "matrixProductUpperTriangle", Map.of(), "evaluation / upper-triangle product (the pairs it scores)");
        for (String d : List.of("256", "512")) {
            for (String m : List.of("meanPooling", "qan", "qanPlusPlus", "ijbTemplate")) {
                ratio(ratios, m + " d=" + d, entries, m, Map.of("dim", d), "arrayCopy", Map.of("dim", d),
                        "aggregation throughput / array-copy throughput (frames/s)");
            }
        }
        s.put("ratios", ratios);
        s.put("latency_budgets", latencyChecks(entries));
        return s;
    }

    private static void ratio(List<Map<String, Object>> out, String name, List<SuiteEntry> entries, String a, Map<String, String> pa,
                              String b, Map<String, String> pb, String meaning) {
        SuiteEntry x = find(entries, a, pa);
        SuiteEntry y = find(entries, b, pb);
        if (x == null || y == null) {
            return;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("ratio", x.score() / y.score());
        r.put("numerator", x.score());
        r.put("denominator", y.score());
        r.put("unit", x.unit());
        r.put("meaning", meaning);
        out.add(r);
    }

    private static SuiteEntry find(List<SuiteEntry> entries, String method, Map<String, String> params) {
        for (SuiteEntry e : entries) {
            if (e.is(method, params)) {
                return e;
            }
        }
        return null;
    }

    private static List<Map<String, Object>> latencyChecks(List<SuiteEntry> entries) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        Path file = Path.of("polyface-bench/budgets.json");
        if (!Files.exists(file)) {
            file = Path.of("budgets.json");
        }
        for (Budget b : Budgets.read(file)) {
            if (b.latencyBudgetMs() == null) {
                continue;
            }
            SuiteEntry e = find(entries, "bareSession", Map.of("model", b.preset(), "batch", String.valueOf(b.batch())));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("preset", b.preset());
            m.put("batch", b.batch());
            m.put("budget_ms", b.latencyBudgetMs());
            m.put("measured_ms", e == null ? null : e.score());
            m.put("within", e == null ? null : e.score() <= b.latencyBudgetMs());
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> s) {
        StringBuilder md = new StringBuilder();
        md.append("# PolyFace short benchmark suite\n\n");
        md.append(String.format(Locale.ROOT, "%s to %s, %s processors, Java %s. Scores from JMH (1 fork); ratios against"
                + " references measured in the same run.%n%n", s.get("started"), s.get("finished"), s.get("processors"), s.get("java")));
        md.append("| benchmark | parameters | score | ± | unit |\n|---|---|---:|---:|---|\n");
        for (SuiteEntry e : (List<SuiteEntry>) s.get("entries")) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.4g | %.2g | %s |%n", e.benchmark(), e.params(), e.score(), e.error(), e.unit()));
        }
        md.append("\n| ratio | value | meaning |\n|---|---:|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) s.get("ratios")) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %s |%n", r.get("name"), (Double) r.get("ratio"), r.get("meaning")));
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
