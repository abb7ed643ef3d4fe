package io.polyface.cli;

import io.polyface.cli.common.ThreadsOption;

import io.polyface.examples.demo.Demo;
import io.polyface.examples.demo.DemoConfig;
import io.polyface.examples.demo.DemoReport;
import io.polyface.train.stop.SignalStop;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code polyface demo}: the main job end to end on synthetic faces (default) or an image folder. */
@Command(name = "demo",
        defaultValueProvider = DemoDefaults.class, // training option defaults: the demo recipe's values, not restated here
        mixinStandardHelpOptions = true,
        description = {
            "The main job end to end: search, train, export, evaluate, aggregate; writes a report.",
            "About 4-5 minutes on an idle 2-core CPU: take (or search) an architecture for the FLOPs",
            "budget, train it with ArcNegFace on the training identities, export to ONNX and check ONNX Runtime against DJL,",
            "evaluate all pairs of the held-out identities (TAR at FAR 1e-4..1e-1, ROC), compare QAN++ with mean pooling",
            "on degraded tracks, and write report.json, report.html and roc.png into --out.",
            "Without --data it generates synthetic faces (cartoons drawn for this project, no download).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface demo",
            "  bin/polyface demo --data ../shared/data/orl --holdout-ids 10 --out demo-orl",
            "  bin/polyface demo --budget 0.25 --steps 600 --json",
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Image folder, one sub-folder per identity (default: synthetic faces).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "polyface-out/demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--budget", paramLabel = "GFLOPS", defaultValue = "0.1",
            description = "FLOPs budget in GFLOPs, LFR rule (default ${DEFAULT-VALUE}: the shipped searched preset).")
    double budget;

    @Option(names = "--arch", paramLabel = "NAME|FILE.json", description = "Use this architecture instead of the budget's.")
    String arch;

    @Option(names = "--identities", defaultValue = "60", description = "Synthetic identities (default: ${DEFAULT-VALUE}).")
    int identities;

    @Option(names = "--images-per-id", defaultValue = "10", description = "Synthetic images per identity (default: ${DEFAULT-VALUE}).")
    int imagesPerId;

    @Option(names = "--holdout-ids", description = "Held-out identities for evaluation (default: ${DEFAULT-VALUE}).")
    int holdout;

    @Option(names = "--steps", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @picocli.CommandLine.Mixin
    StepOptions step;

    @Option(names = "--tracks-per-id", defaultValue = "2", description = "Degraded tracks per identity (default: ${DEFAULT-VALUE}).")
    int tracks;

    @Option(names = "--frames", defaultValue = "6", description = "Frames per track (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--seed", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue an interrupted demo: training from the newest checkpoint in --out/train "
            + "(same settings required), then the remaining stages.")
    boolean resume;

    @Option(names = "--teacher", paramLabel = "M.onnx",
            description = "Distil this ONNX face-embedding model instead of training from labels (angular + relational "
                    + "distillation). Without --arch the student is chosen as by 'distill --budget --student-init auto': the "
                    + "teacher's own architecture at the largest smaller input within --budget, initialised from the teacher's "
                    + "weights (teacher embeddings of the un-augmented images cached in --out/teacher-cache), when the teacher "
                    + "imports as a known preset (e.g. fr_feature.onnx as mobilefacenet-y1); else the budget's architecture from "
                    + "scratch. The report shows teacher and student side by side.")
    Path teacher;

    @Option(names = "--json", description = "Print report.json on standard output (progress stays on standard error).")
    boolean json;

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        threads.apply();
        DemoConfig config = new DemoConfig(data, out, budget, arch, identities, imagesPerId, holdout, steps, step.batch, step.lr, tracks,
                frames, seed, resume, teacher);
        PrintWriter err = spec.commandLine().getErr();
        PrintStream log = WriterStream.printStream(err);
        StopRequest stop = new StopRequest();
        DemoReport report;
        try (SignalStop signals = Interruption.install(spec, stop)) {
            report = Demo.run(config, log, stop);
        } catch (StoppedException e) {
            log.flush();
            return Interruption.report(spec, e);
        }
        log.flush();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(report.toJson());
        } else {
            Map<String, Object> eval = (Map<String, Object>) report.content().get("eval");
            List<String> written = java.util.stream.Stream.of("report.json", "report.html", "roc.png", "aggregation.png",
                    "model.onnx", "quality.onnx").filter(f -> java.nio.file.Files.exists(out.resolve(f))).toList();
            o.printf(Locale.ROOT, "demo finished; report in %s (%s)%n", out, String.join(", ", written));
            Map<String, Object> onnx = (Map<String, Object>) report.content().get("onnx");
            if (onnx != null) {
                o.printf(Locale.ROOT, "  ONNX Runtime vs DJL embeddings: max relative L2 %.1e (%s)%n",
                        ((Number) onnx.get("max_relative_l2")).doubleValue(),
                        Boolean.TRUE.equals(onnx.get("parity_ok")) ? "parity ok" : "PARITY FAILED");
            }
            o.printf(Locale.ROOT, "  held-out all pairs: %s genuine, %s impostor%n", eval.get("genuine"), eval.get("impostor"));
            Map<String, Object> teacherReport = (Map<String, Object>) report.content().get("teacher");
            List<Map<String, Object>> teacherResults = teacherReport == null ? null : (List<Map<String, Object>>) teacherReport.get("results");
            if (teacherReport != null) {
                o.printf(Locale.ROOT, "  distilled student vs teacher %s on the same pairs%n", teacherReport.get("model"));
            }
            List<Map<String, Object>> results = (List<Map<String, Object>>) eval.get("results");
            for (int i = 0; i < results.size(); i++) {
                Map<String, Object> r = results.get(i);
                o.printf(Locale.ROOT, "  held-out TAR@FAR=%-6s %.4f%s%s%n", r.get("far"), ((Number) r.get("tar")).doubleValue(),
                        teacherResults == null ? "" : String.format(Locale.ROOT, " (teacher %.4f)", ((Number) teacherResults.get(i).get("tar")).doubleValue()),
                        Boolean.TRUE.equals(r.get("sample_limited")) ? " (sample-limited)" : "");
            }
            Map<String, Object> agg = (Map<String, Object>) report.content().get("aggregation");
            if (agg != null) {
                for (Map<String, Object> m : (List<Map<String, Object>>) agg.get("methods")) {
                    List<Map<String, Object>> rs = (List<Map<String, Object>>) m.get("results");
                    Map<String, Object> last = rs.get(rs.size() - 1);
                    o.printf(Locale.ROOT, "  templates %-14s TAR@FAR=%s %.4f%n", m.get("method"), last.get("far"),
                            ((Number) last.get("tar")).doubleValue());
                }
            }
        }
        o.flush();
        return stop.isRequested() ? Interruption.completedAnyway(spec, stop) : 0;
    }
}
