package io.polyface.bench.peer;

import io.polyface.bench.arch.BenchArchitectures;
import io.polyface.bench.routes.InferenceRoutes;
import io.polyface.bench.routes.OwnedStates;
import io.polyface.bench.train.TrainStepBenchmark;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.train.loop.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets up both sides of every comparison of the peer runner: per network, training (NCHW and channels-last, ours on a
 * fixed batch and, channels-last, on ORL as today) and inference at batch {@code b} and 1 (PyTorch eval forward,
 * NCHW, against ONNX Runtime and DJL); once, the matrix product. Owns what it sets up.
 */
final class PeerComparisons implements AutoCloseable {

    private final PeerSettings settings;
    private final TorchPeer torch;
    private final Path specFolder;
    private final OwnedStates owned = new OwnedStates();
    private final List<Comparison> comparisons = new ArrayList<>();

    PeerComparisons(PeerSettings settings, TorchPeer torch, Path specFolder) {
        this.settings = settings;
        this.torch = torch;
        this.specFolder = specFolder;
    }

    /** @return the comparisons added so far, in report order */
    List<Comparison> all() {
        return List.copyOf(comparisons);
    }

    /**
     * Writes the network's spec JSON, has PyTorch build it from there (checking that its parameter count and its
     * conv/linear multiply-accumulates equal ours) and adds the network's comparisons.
     *
     * @param arch the network's name ({@link BenchArchitectures})
     * @return our cost report of the network, whose parameters and MACs PyTorch's network has too
     * @throws Exception if a side cannot be set up, or the counts differ
     */
    CostReport addNetwork(String arch) throws Exception {
        ArchSpec spec = BenchArchitectures.get(arch);
        Path file = specFolder.resolve(arch + ".json");
        ArchSpecJson.write(spec, file);
        CostReport cost = FlopsCounter.count(spec);
        torch.call(Map.of("cmd", "load", "arch", arch, "spec", file.toString(), "params", cost.params(), "macs", cost.flops(Convention.MACS),
                "classes", settings.classes(), "batch", settings.batch(), "loss", settings.loss()));
        int b = settings.batch();
        String train = "train " + arch + " batch " + b + ", " + settings.classes() + " classes, " + settings.loss();
        comparisons.add(new Comparison(train + ", NCHW", torch.timing(Map.of("cmd", "train", "arch", arch, "layout", "nchw")),
                List.of(new Comparison.Route("Trainer.step(), fixed batch", steps(own(OursTraining.fixedBatch(spec, settings.loss(), b,
                        settings.classes(), false))))), b, "images/s", settings.trainSteps()));
        TrainStepBenchmark orl = OursTraining.realData(arch, settings.loss(), b);
        owned.own(orl, orl::tearDown);
        TrainStepBenchmark.Images counter = new TrainStepBenchmark.Images();
        comparisons.add(new Comparison(train + ", channels-last", torch.timing(Map.of("cmd", "train", "arch", arch, "layout", "cl")),
                List.of(new Comparison.Route("Trainer.step(), fixed batch", steps(own(OursTraining.fixedBatch(spec, settings.loss(), b,
                                settings.classes(), true)))),
                        new Comparison.Route("TrainStepBenchmark (ORL data, 40 classes)", Timing.of(() -> orl.step(counter)))),
                b, "images/s", settings.trainSteps()));
        for (int batch : List.of(b, 1)) {
            var djl = InferenceRoutes.djl(arch, batch);
            owned.own(djl, djl::tearDown);
            var ort = InferenceRoutes.onnxRuntime(arch, batch, settings.threads());
            owned.own(ort, ort::tearDown);
            int iterations = batch == 1 ? 10 * settings.inferenceIterations() : settings.inferenceIterations();
            comparisons.add(new Comparison("inference " + arch + " batch " + batch + " (PyTorch: eval, NCHW)",
                    torch.timing(Map.of("cmd", "infer", "arch", arch, "layout", "nchw", "batch", batch)),
                    List.of(new Comparison.Route("ONNX Runtime (bare session)", Timing.of(ort::bareSession)),
                            new Comparison.Route("DJL forward (BN folded, channels-last)", Timing.of(djl::forward))),
                    batch, "images/s", iterations));
        }
        return cost;
    }

    /** Adds the matrix product: PyTorch's {@code torch.mm} against our all-pairs tile product. */
    void addMatrixProduct() {
        int n = settings.productSize();
        int d = settings.productDepth();
        OursMatrixProduct ours = owned.own(new OursMatrixProduct(n, d));
        comparisons.add(new Comparison("matrix product [" + n + ", " + d + "] x [" + d + ", " + n + "] float32",
                torch.timing(Map.of("cmd", "mm", "n", n, "d", d)),
                List.of(new Comparison.Route("all-pairs tile product (DJL)", ours.timing())), 2.0 * n * n * d / 1e9, "GFLOP/s",
                Math.max(2, settings.inferenceIterations() / 2)));
    }

    private Trainer own(Trainer t) {
        return owned.own(t);
    }

    private static Timing steps(Trainer t) {
        return Timing.of(t::step);
    }

    @Override
    public void close() throws IOException {
        owned.close();
    }
}
