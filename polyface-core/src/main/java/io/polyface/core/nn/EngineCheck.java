package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.eval.Parity;
import io.polyface.core.reference.ReferenceForward;
import io.polyface.core.reference.ReferenceTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks the native engine on this processor: DJL's PyTorch forward pass of small networks of every layer type
 * (MobileFaceNet, Efficient PolyFace with first-order and poly-2 blocks, the QAN++ quality net) against
 * {@link ReferenceForward}, the same spec computed from each layer's definition in double precision in plain Java.
 * Parameters get random, non-trivial values (BN statistics, γ/β, PReLU slopes, biases), inputs are random pixels,
 * batches of 1, 2, 3 and 7 in NCHW and channels-last layout — the batch size and layout select different native
 * kernels (PyTorch's own convolution at batch 1, oneDNN above; blocked or NHWC layouts), and which kernels run depends
 * on the processor's instruction set. A correct engine agrees to float rounding (relative L2 ≈ 1e-7 … 1e-6); the
 * limit is {@value #LIMIT}. When a case fails, the first top-level stage whose output disagrees is named (prefixes
 * of the network are rebuilt with the same parameters and compared in turn).
 */
public final class EngineCheck {

    /** The largest relative L2 error ‖djl − ref‖₂ / ‖ref‖₂ a case may have. */
    public static final double LIMIT = 1e-5;

    /** Batch sizes checked. */
    static final int[] BATCHES = {1, 2, 3, 7};

    private EngineCheck() {}

    /**
     * One network, batch size and layout.
     *
     * @param network the network's name
     * @param batch the batch size
     * @param channelsLast whether the input was channels-last
     * @param relativeL2 ‖djl − ref‖₂ / ‖ref‖₂ (NaN when DJL produced a non-finite value)
     * @param firstBadStage {@code null} when the case passed, else the first top-level stage whose output exceeds
     *     the limit
     */
    public record Case(String network, int batch, boolean channelsLast, double relativeL2, String firstBadStage) {
        /** @return whether the case is within {@link #LIMIT} */
        public boolean passed() {
            return relativeL2 <= LIMIT;
        }
    }

    /** @return the networks checked by {@link #run()}: small, but with every layer type of the presets */
    public static List<ArchSpec> networks() {
        ArchOverrides small = ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75).withWidth(0.25);
        return List.of(
                Presets.get("mobilefacenet-tiny"),
                Presets.get("efficient-polyface", small),
                Presets.get("efficient-polyface", small.withBlockType("poly-2")),
                Presets.get("qan-quality"));
    }

    /**
     * Checks every network of {@link #networks()}.
     *
     * @return one case per network, batch size and layout
     */
    public static List<Case> run() {
        List<Case> cases = new ArrayList<>();
        for (ArchSpec spec : networks()) {
            cases.addAll(check(spec, BATCHES, 3));
        }
        return cases;
    }

    /**
     * Checks one network's inference graph.
     *
     * @param spec the architecture (its inference graph is checked)
     * @param batches batch sizes
     * @param seed seed of the parameter values and inputs
     * @return one case per batch size and layout (NCHW, channels-last)
     */
    public static List<Case> check(ArchSpec spec, int[] batches, long seed) {
        List<Case> cases = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            randomize(net, seed);
            for (int batch : batches) {
                float[] x = pixels(net.spec(), batch, seed + batch);
                ReferenceTensor want = ReferenceForward.run(net.spec(), net.referenceParameters(),
                        ReferenceTensor.of(net.spec().input().withBatch(batch), x));
                for (boolean channelsLast : new boolean[] {false, true}) {
                    double err = Parity.relativeL2(forward(net, x, batch, channelsLast), want.data());
                    String stage = err <= LIMIT ? null : firstBadStage(net, x, batch, channelsLast);
                    cases.add(new Case(label(spec), batch, channelsLast, err, stage));
                }
            }
        }
        return cases;
    }

    /**
     * Gives every BN statistic, BN γ/β, PReLU slope and bias random, non-trivial values (the defaults 0/1/0.25/0 would
     * hide a swapped or ignored tensor); weights keep the spec's initialisation.
     *
     * @param net an initialised network
     * @param seed the seed
     */
    public static void randomize(SpecNetwork net, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Block block : net.layers().values()) {
            for (Pair<String, Parameter> p : block.getDirectParameters()) {
                NDArray a = p.getValue().getArray();
                float[] v = new float[Math.toIntExact(a.size())];
                boolean known = true;
                for (int i = 0; i < v.length && known; i++) {
                    switch (p.getKey()) {
                        case "runningMean", "beta", "bias" -> v[i] = (float) (0.2 * (rnd.nextDouble() - 0.5));
                        case "runningVar" -> v[i] = (float) (0.5 + 1.5 * rnd.nextDouble());
                        case "gamma" -> v[i] = (float) (0.7 + 0.6 * rnd.nextDouble());
                        case "alpha" -> v[i] = (float) (0.05 + 0.45 * rnd.nextDouble());
                        default -> known = false;
                    }
                }
                if (known) {
                    OwnedArrays.assign(a, v);
                }
            }
        }
    }

    /** @return the spec's name, with its block types when it has any (PolyFace) */
    static String label(ArchSpec spec) {
        Object blocks = spec.settings().get("block_types");
        return blocks instanceof List<?> l && !l.isEmpty() ? spec.name() + " " + l.get(0) : spec.name();
    }

    private static float[] pixels(ArchSpec spec, int batch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[Math.toIntExact(batch * spec.input().numel())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((rnd.nextInt(256) - spec.mean()) / spec.std());
        }
        return x;
    }

    private static float[] forward(SpecNetwork net, float[] x, int batch, boolean channelsLast) {
        try (NDManager s = NDManager.newBaseManager()) {
            NDArray in = s.create(x, new Shape(net.spec().input().withBatch(batch)));
            if (channelsLast) {
                in = MemoryFormats.channelsLast(in);
            }
            return net.block().forward(new ParameterStore(s, false), new NDList(in), false).singletonOrThrow().toFloatArray();
        }
    }

    /** Rebuilds growing prefixes of the top-level sequence with the same parameters and names the first that fails. */
    private static String firstBadStage(SpecNetwork net, float[] x, int batch, boolean channelsLast) {
        ArchSpec spec = net.spec();
        if (!(spec.root() instanceof Sequential root)) {
            return spec.root().name();
        }
        ReferenceForward.Parameters params = net.referenceParameters();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k = 1; k <= root.nodes().size(); k++) {
                List<Node> prefix = root.nodes().subList(0, k);
                Node last = prefix.get(k - 1);
                ArchSpec part = new ArchSpec(spec.name() + "-prefix", spec.input(), spec.channelOrder(), spec.mean(),
                        spec.std(), new Sequential(root.name(), prefix), last.name(), null);
                SpecNetwork sub = SpecNetwork.builder().setSpec(part).build().initialize(m);
                for (var e : sub.layers().entrySet()) {
                    for (Pair<String, Parameter> p : e.getValue().getDirectParameters()) {
                        OwnedArrays.assign(p.getValue().getArray(), params.get(e.getKey(), p.getKey()));
                    }
                }
                double[] want = ReferenceForward.run(part, params, ReferenceTensor.of(spec.input().withBatch(batch), x)).data();
                if (!(Parity.relativeL2(forward(sub, x, batch, channelsLast), want) <= LIMIT)) {
                    return last.name();
                }
            }
        }
        return root.name();
    }
}
