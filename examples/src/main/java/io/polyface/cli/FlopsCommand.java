package io.polyface.cli;

import io.polyface.cli.common.Json;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.flops.LayerCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code polyface flops}: FLOPs (with their convention), MACs and parameters of presets or a spec. */
@Command(name = "flops",
        mixinStandardHelpOptions = true,
        description = {
            "Counts FLOPs, MACs, trainable parameters and conv/FC weights at the network's input size (one image).",
            "Conventions: lfr = LFR-2019 rule (conv+FC only, ~2 x MACs; the challenge's), macs = multiply-accumulates,",
            "full = MACs plus BN, activations, adds, pooling and resize. Without --arch: a table of all presets.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface flops",
            "  bin/polyface flops --arch efficient-polyface --json",
            "  bin/polyface flops --arch efficient-polyface --resolution 267 --depth 20,30,20",
            "  bin/polyface flops --arch mobilefacenet-tiny --per-layer",
        })
public final class FlopsCommand implements Callable<Integer> {

    @Mixin
    ArchOptions archOptions;

    @Mixin
    ConventionOption convention;

    @Option(names = "--json", description = "Print JSON Lines (one object per network) instead of a table.")
    boolean json;

    @Option(names = "--per-layer", description = "Also list every layer (table) or add \"layers\" (JSON).")
    boolean perLayer;

    @Option(names = "--per-stage", description = "Also list FLOPs and parameters per top-level stage.")
    boolean perStage;

    @Option(names = "--save-spec", paramLabel = "FILE.json", description = "Write the (single) architecture's spec JSON here.")
    Path saveSpec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Convention conv = convention.value();
        List<ArchSpec> specs = new ArrayList<>();
        if (archOptions.hasArch()) {
            specs.add(archOptions.resolve(null));
        } else {
            if (!archOptions.overrides().isEmpty()) {
                throw new IllegalArgumentException("architecture overrides need --arch");
            }
            for (String name : Presets.names()) {
                specs.add(Presets.get(name));
            }
        }
        if (saveSpec != null) {
            if (specs.size() != 1) {
                throw new IllegalArgumentException("--save-spec needs --arch");
            }
            ArchSpecJson.write(specs.get(0), saveSpec);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            for (ArchSpec s : specs) {
                out.println(Json.line(toJson(s, FlopsCounter.count(s), conv)));
            }
        } else {
            printTable(out, specs, conv);
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> toJson(ArchSpec s, CostReport r, Convention conv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", s.name());
        m.put("input", s.input().dims());
        m.put("resolution", resolution(s));
        m.put("embedding", s.embeddingSize());
        m.put("convention", conv.id());
        m.put("flops", r.flops(conv));
        m.put("gflops", r.gflops(conv));
        m.put("lfr_flops", r.flops(Convention.LFR));
        m.put("macs", r.flops(Convention.MACS));
        m.put("full_flops", r.flops(Convention.FULL));
        m.put("params", r.params());
        m.put("weights", r.weights());
        m.put("param_megabytes_fp32", r.paramBytes() / 1e6);
        m.put("settings", s.settings());
        if (perStage) {
            m.put("stages", stageRows(r, conv));
        }
        if (perLayer) {
            List<Map<String, Object>> layers = new ArrayList<>();
            for (LayerCost l : r.layers()) {
                if (l.kind().equals("sequential")) {
                    continue;
                }
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put("name", l.name());
                lm.put("kind", l.kind());
                lm.put("stage", l.stage());
                lm.put("input", l.input().dims());
                lm.put("output", l.output().dims());
                lm.put("flops", l.flops(conv));
                lm.put("params", l.params());
                layers.add(lm);
            }
            m.put("layers", layers);
        }
        return m;
    }

    private static List<Map<String, Object>> stageRows(CostReport r, Convention conv) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Long> params = r.paramsByStage();
        r.flopsByStage(conv).forEach((stage, flops) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage);
            row.put("flops", flops);
            row.put("params", params.get(stage));
            rows.add(row);
        });
        return rows;
    }

    private static int resolution(ArchSpec s) {
        Object r = s.settings().get("resolution");
        return r instanceof Number n ? n.intValue() : s.input().height();
    }

    private void printTable(PrintWriter out, List<ArchSpec> specs, Convention conv) {
        String head = String.format("%-22s %-11s %5s %17s %9s %16s %13s %13s",
                "arch", "input", "R", conv.id() + " FLOPs", "GFLOPs", "MACs", "params", "weights");
        out.println(head);
        out.println("-".repeat(head.length()));
        for (ArchSpec s : specs) {
            CostReport r = FlopsCounter.count(s);
            out.println(String.format("%-22s %-11s %5d %,17d %9.3f %,16d %,13d %,13d",
                    s.name(), s.input().toString().replace(" ", ""), resolution(s), r.flops(conv), r.gflops(conv),
                    r.flops(Convention.MACS), r.params(), r.weights()));
            if (perStage) {
                for (Map<String, Object> row : stageRows(r, conv)) {
                    out.println(String.format("    %-38s %,17d %26s %,13d", row.get("stage"), (Long) row.get("flops"), "",
                            (Long) row.get("params")));
                }
            }
            if (perLayer) {
                for (LayerCost l : r.layers()) {
                    if (l.kind().equals("sequential")) {
                        continue;
                    }
                    out.println(String.format("    %-40s %-15s %-16s %,17d %,13d", l.name(), l.kind(),
                            l.output().toString().replace(" ", ""), l.flops(conv), l.params()));
                }
            }
        }
        out.println();
        out.println("FLOPs convention: " + conv.id() + " (" + conv.description() + "); per image at the input size;"
                + " GFLOPs = 10^9 FLOPs; params = trainable parameters (conv/FC weights and biases, BN affine, PReLU);"
                + " weights = conv/FC weights + FC biases.");
    }
}
