package io.polyface.core.deps;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.search.SearchReport;
import io.polyface.core.search.SearchRequest;
import io.polyface.core.search.SearchSpaces;

import java.util.List;

/**
 * Run by {@link CoreWithoutEnginesTest} in a JVM without the PyTorch and ONNX Runtime jars: checks they are absent,
 * counts a preset's FLOPs and runs a small search, and prints {@link #result()}.
 */
public final class CoreWithoutEnginesMain {

    /** Classes of the optional engines that must not be loadable in the child JVM. */
    static final List<String> ENGINE_CLASSES = List.of("ai.djl.pytorch.engine.PtEngine", "ai.djl.onnxruntime.engine.OrtEngine",
            "ai.onnxruntime.OrtEnvironment");

    private CoreWithoutEnginesMain() {}

    /** @return {@code flops=N params=N search=JSON} for {@code efficient-polyface} and a seeded 6-candidate search */
    static String result() throws Exception {
        ArchSpec spec = Architectures.resolve("efficient-polyface", ArchOverrides.NONE);
        var count = FlopsCounter.count(spec);
        SearchReport report = SearchRequest.builder().setSpace(SearchSpaces.get("mobilefacenet[embedding=128]"))
                .setBudget(FlopsBudget.parse("0.2G", Convention.LFR)).optStrategy("evolution").optEvolution(6, 4, 2).optSeed(5)
                .build().run(line -> { });
        return "flops=" + count.flops(Convention.LFR) + " params=" + count.params() + " search=" + report.toJson();
    }

    /**
     * @param args none
     * @throws Exception on any failure (non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        for (String name : ENGINE_CLASSES) {
            try {
                Class.forName(name);
                System.out.println("engine class present: " + name);
                System.exit(3);
            } catch (ClassNotFoundException expected) {
                // absent, as it should be
            }
        }
        System.out.println(result());
    }
}
