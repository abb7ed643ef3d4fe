package io.polyface.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.bench.arch.BenchArchitectures;
import io.polyface.bench.rounds.Interleaving;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.nn.TorchThreads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The peer runner (issue 19, item 1): PyTorch and PolyFace side by side in one run, interleaved round by round — a
 * training step of the same network (generated from our spec JSON by {@code scripts/peer/torch_from_spec.py}) with the
 * same margin head and optimiser, inference against ONNX Runtime and DJL, and the matrix product rate. Prints, per
 * measurement, the median and range over the rounds and the per-round ratios ours / PyTorch of the rates (above 1:
 * ours faster). Run through {@code polyface-bench/scripts/peer.sh}, which checks for PyTorch first.
 */
@Command(name = "peer.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times PyTorch and PolyFace side by side, interleaved round by round (issue 19, item 1).")
public final class PeerMain implements Callable<Integer> {

    @Option(names = "--rounds", paramLabel = "R", description = "Interleaved rounds (default: 5; --quick: 2).")
    Integer rounds;

    @Option(names = "--arch", arity = "1..*", paramLabel = "NAME", description = "Networks: presets or "
            + BenchArchitectures.POLYFACE_SMALL + " (default: mobilefacenet-y1 mobilefacenet-tiny " + BenchArchitectures.POLYFACE_SMALL + ").")
    List<String> archs = List.of("mobilefacenet-y1", "mobilefacenet-tiny", BenchArchitectures.POLYFACE_SMALL);

    @Option(names = "--quick", description = "A short check that everything runs: 2 rounds, 2 training steps and 2 forward"
            + " passes per measurement (figures too noisy to quote).")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads of every engine (default: 2).")
    int threads = 2;

    @Option(names = "--loss", paramLabel = "NAME", description = "Margin head: arcface or arcnegface (default: arcnegface, s 64, m 0.5).")
    String loss = "arcnegface";

    @Option(names = "--pytorch-wait-policy", paramLabel = "POLICY", description = "PyTorch's OpenMP wait policy: 'ours' (default:"
            + " our OMP_WAIT_POLICY/GOMP_SPINCOUNT, the launcher's GOMP_SPINCOUNT=1000 unless set), PASSIVE, ACTIVE, or 'default'"
            + " for libgomp's own spin-then-sleep (a plain PyTorch user's; it collapses on a busy machine).")
    String pytorchWaitPolicy = "ours";

    @Option(names = "--python", paramLabel = "EXE", description = "Python with PyTorch (default: /usr/bin/python3).")
    String python = "/usr/bin/python3";

    @Option(names = "--worker", paramLabel = "FILE", description = "The PyTorch worker script (default: polyface-bench/scripts/peer/worker.py).")
    Path worker = Path.of("polyface-bench/scripts/peer/worker.py");

    /**
     * Entry point.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PeerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PeerSettings s = new PeerSettings(rounds != null ? rounds : quick ? 2 : 5, threads, 32, 1000, loss, quick ? 2 : 10, quick ? 2 : 10,
                quick ? 1 : 3, 4096, 512);
        System.out.println("processor: " + Processor.modelName() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println("threads: " + TorchThreads.apply(s.threads()) + " intra-op threads for PyTorch, DJL's libtorch and ONNX Runtime");
        System.out.printf(Locale.ROOT, "rounds: %d interleaved; per round %d training steps and %d forward passes (batch 1: %d) per"
                + " measurement after warm-up; batch %d, %s head over %d classes%n", s.rounds(), s.trainSteps(), s.inferenceIterations(),
                10 * s.inferenceIterations(), s.batch(), s.loss(), s.classes());
        Path specs = Files.createTempDirectory("polyface-peer");
        PeerReport report = new PeerReport();
        String torchPolicy = pytorchWaitPolicy.equals("default") ? null : pytorchWaitPolicy;
        String oursPolicy = "OMP_WAIT_POLICY=" + System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset") + " GOMP_SPINCOUNT="
                + System.getenv().getOrDefault("GOMP_SPINCOUNT", "unset");
        System.out.println("OpenMP wait policy: ours " + oursPolicy + ", PyTorch " + (torchPolicy == null ? "libgomp default"
                : torchPolicy.equals("ours") ? "the same" : "OMP_WAIT_POLICY=" + torchPolicy));
        try (TorchPeer torch = new TorchPeer(python, worker, s.threads(), torchPolicy); PeerComparisons comparisons = new PeerComparisons(s, torch, specs)) {
            System.out.println(pytorchLine(torch.call(Map.of("cmd", "info"))));
            for (String arch : archs) {
                CostReport cost = comparisons.addNetwork(arch);
                System.out.printf(Locale.ROOT, "%s: %,d parameters and %,d MACs in both networks (checked)%n", arch, cost.params(),
                        cost.flops(Convention.MACS));
            }
            comparisons.addMatrixProduct();
            for (int round = 0; round < s.rounds(); round++) {
                long started = System.nanoTime();
                for (Comparison c : comparisons.all()) {
                    runRound(c, round, s.warmup(round), report);
                }
                System.err.printf(Locale.ROOT, "round %d of %d done (%.0f s)%n", round + 1, s.rounds(), (System.nanoTime() - started) / 1e9);
            }
        } finally {
            try (var files = Files.list(specs)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(specs);
        }
        report.print(System.out);
        return 0;
    }

    /** Says which PyTorch and BLAS the worker runs, and warns where the BLAS is the slow reference implementation. */
    static String pytorchLine(JsonNode info) {
        List<String> blas = new ArrayList<>();
        info.get("blas").forEach(b -> blas.add(b.asText()));
        String line = "PyTorch " + info.get("torch").asText() + ", " + info.get("threads").asInt() + " threads, BLAS " + blas;
        if (blas.stream().anyMatch(b -> b.contains("/blas/libblas.so"))) {
            line += "\n  warning: PyTorch uses the reference BLAS (slow matrix products and linear layers); Debian: 'sudo apt-get install"
                    + " libopenblas0-pthread' switches it to OpenBLAS";
        }
        return line;
    }

    /** Times PyTorch and each of our routes once, in the round's rotated order, and records their rates. */
    static void runRound(Comparison c, int round, int warmup, PeerReport report) throws Exception {
        int sides = c.ours().size() + 1;
        for (int i : Interleaving.order(sides, round)) {
            Timing t = i == 0 ? c.pytorch() : c.ours().get(i - 1).timing();
            double seconds = t.seconds(c.iterations(), warmup);
            report.record(c.name(), i == 0 ? PeerReport.PYTORCH : c.ours().get(i - 1).label(), c.workPerIteration() * c.iterations() / seconds,
                    c.rateUnit());
        }
    }
}
