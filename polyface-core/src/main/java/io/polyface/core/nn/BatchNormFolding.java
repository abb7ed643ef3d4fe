package io.polyface.core.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Sequential;
import io.polyface.core.reference.ReferenceForward;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inference transform that folds each batch norm into the convolution or linear layer right before it (in the
 * same sequential): with the running statistics, {@code BN(W·x + b) = W'·x + b'} where, per output channel {@code c},
 * {@code s_c = γ_c / √(σ²_c + ε)}, {@code W'_c = s_c·W_c} and {@code b'_c = s_c·(b_c − μ_c) + β_c} (the standard
 * folding of Ioffe &amp; Szegedy's inference-time BN, ICML 2015, section 3.1, into the affine layer before it; what ONNX
 * Runtime's graph optimiser does to our exported {@code Conv → BatchNormalization} pairs). The folding is computed in
 * double precision and stored as float32.
 *
 * <p>Not folded: a batch norm after anything but a convolution or linear layer (e.g. the pre-activation BN of an
 * IResNet block), and a convolution whose weights are shared ({@code sharedWith}, or owned by another layer), since
 * each sharing layer is followed by its own BN. A folded layer keeps the convolution's name, except when its batch
 * norm is the spec's embedding layer: then it takes the batch norm's name, so the embedding layer stays the output.
 *
 * <p>The ONNX exporter does not use this transform: it writes {@code BatchNormalization} nodes, which ONNX Runtime
 * folds itself and which keep the exported graph importable back into the unfolded training spec.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {}

    /**
     * One folded pair.
     *
     * @param layer the folded layer's name in the folded spec
     * @param source the convolution or linear layer of the original spec
     * @param batchNorm the batch norm folded into it
     * @param sourceHasBias whether the original layer had a bias
     */
    public record Fold(String layer, String source, BatchNorm batchNorm, boolean sourceHasBias) {}

    /**
     * A folded spec.
     *
     * @param spec the folded spec (same input, preprocessing, embedding layer and output as the original)
     * @param folds the folded pairs by folded layer name, in execution order
     */
    public record Plan(ArchSpec spec, Map<String, Fold> folds) {
        /** Copies the map. */
        public Plan {
            folds = Collections.unmodifiableMap(new LinkedHashMap<>(folds));
        }
    }

    /**
     * Plans the folding of a spec (no parameters needed).
     *
     * @param spec the spec (usually {@link ArchSpec#forInference()}: training-only layers after the embedding are kept
     *     otherwise)
     * @return the folded spec and its folds; no folds when no batch norm follows a foldable layer
     */
    public static Plan plan(ArchSpec spec) {
        Set<String> sharedOwners = new HashSet<>();
        collectSharedOwners(spec.root(), sharedOwners);
        Map<String, Fold> folds = new LinkedHashMap<>();
        Node root = rewrite(spec.root(), spec.embeddingLayer(), sharedOwners, folds);
        ArchSpec folded = folds.isEmpty() ? spec
                : new ArchSpec(spec.name(), spec.input(), spec.channelOrder(), spec.mean(), spec.std(), root,
                        spec.embeddingLayer(), spec.settings());
        return new Plan(folded, folds);
    }

    /**
     * The parameters of the folded spec, computed from those of the original.
     *
     * @param plan the plan
     * @param original the original network's parameters (e.g. {@link SpecNetwork#referenceParameters()})
     * @return a source of the folded spec's parameters: folded layers' {@code weight} ({@code [O, I/g, kh, kw]} or
     *     {@code [out, in]}) and {@code bias} ({@code [O]}), every other layer's as in {@code original}
     */
    public static ReferenceForward.Parameters parameters(Plan plan, ReferenceForward.Parameters original) {
        return (layer, name) -> {
            Fold f = plan.folds().get(layer);
            if (f == null) {
                return original.get(layer, name);
            }
            String bn = f.batchNorm().name();
            float[] gamma = original.get(bn, "gamma");
            float[] beta = original.get(bn, "beta");
            float[] mean = original.get(bn, "runningMean");
            float[] var = original.get(bn, "runningVar");
            int c = gamma.length;
            double[] scale = new double[c];
            for (int i = 0; i < c; i++) {
                scale[i] = gamma[i] / Math.sqrt(var[i] + f.batchNorm().eps());
            }
            switch (name) {
                case "weight" -> {
                    float[] w = original.get(f.source(), "weight");
                    int per = w.length / c;
                    float[] out = new float[w.length];
                    for (int i = 0; i < w.length; i++) {
                        out[i] = (float) (w[i] * scale[i / per]);
                    }
                    return out;
                }
                case "bias" -> {
                    float[] b = f.sourceHasBias() ? original.get(f.source(), "bias") : new float[c];
                    float[] out = new float[c];
                    for (int i = 0; i < c; i++) {
                        out[i] = (float) (((double) b[i] - mean[i]) * scale[i] + beta[i]);
                    }
                    return out;
                }
                default -> throw new IllegalArgumentException("folded layer '" + layer + "' has no parameter '" + name
                        + "' (expected weight or bias)");
            }
        };
    }

    /**
     * The folded inference network of a network: {@link ArchSpec#forInference()} of its spec, folded, built and
     * initialised in {@code manager}, its parameters computed from the network's current ones and frozen (no
     * gradients are recorded for them).
     *
     * @param network an initialised network (trained, restored or imported)
     * @param manager the manager that will own the folded parameters
     * @return the folded network, output {@code [N, d]} (the embedding), input {@code [N, C, H, W]} as the spec says
     * @throws IllegalArgumentException if the network is not initialised
     */
    public static SpecNetwork foldForInference(SpecNetwork network, NDManager manager) {
        if (!network.block().isInitialized()) {
            throw new IllegalArgumentException(network.spec().name() + ": the network is not initialised; initialise it and"
                    + " load its parameters first");
        }
        Plan plan = plan(network.spec().forInference());
        SpecNetwork folded = SpecNetwork.builder().setSpec(plan.spec()).build().initialize(manager);
        ReferenceForward.Parameters source = parameters(plan, network.referenceParameters());
        for (Map.Entry<String, Block> layer : folded.layers().entrySet()) {
            for (Pair<String, Parameter> p : layer.getValue().getDirectParameters()) {
                float[] values = source.get(layer.getKey(), p.getKey());
                long expected = p.getValue().getArray().getShape().size();
                if (values.length != expected) {
                    throw new IllegalStateException("folding " + network.spec().name() + ": " + layer.getKey() + "."
                            + p.getKey() + " has " + values.length + " values, expected " + expected);
                }
                p.getValue().getArray().set(FloatBuffer.wrap(values));
            }
        }
        folded.block().freezeParameters(true);
        return folded;
    }

    private static void collectSharedOwners(Node node, Set<String> owners) {
        if (node instanceof Conv2d c && c.sharedWith() != null) {
            owners.add(c.sharedWith());
        }
        for (Node child : children(node)) {
            collectSharedOwners(child, owners);
        }
    }

    private static List<Node> children(Node node) {
        List<Node> out = new ArrayList<>();
        if (node instanceof Sequential s) {
            out.addAll(s.nodes());
        } else if (node instanceof Concat c) {
            out.addAll(c.branches());
        } else if (node instanceof Residual r) {
            out.add(r.body());
            if (r.shortcut() != null) {
                out.add(r.shortcut());
            }
        } else if (node instanceof PolyResidual p) {
            out.addAll(p.functions());
        }
        return out;
    }

    private static Node rewrite(Node node, String embedding, Set<String> sharedOwners, Map<String, Fold> folds) {
        if (node instanceof Sequential s) {
            List<Node> out = new ArrayList<>();
            List<Node> in = s.nodes();
            for (int i = 0; i < in.size(); i++) {
                Node n = in.get(i);
                Node next = i + 1 < in.size() ? in.get(i + 1) : null;
                if (next instanceof BatchNorm bn && foldable(n, sharedOwners)) {
                    String name = bn.name().equals(embedding) ? bn.name() : n.name();
                    if (n instanceof Conv2d c) {
                        out.add(new Conv2d(name, c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(),
                                c.padH(), c.padW(), c.groups(), true, null));
                        folds.put(name, new Fold(name, c.name(), bn, c.bias()));
                    } else {
                        Linear l = (Linear) n;
                        out.add(new Linear(name, l.outFeatures(), true));
                        folds.put(name, new Fold(name, l.name(), bn, l.bias()));
                    }
                    i++;
                } else {
                    out.add(rewrite(n, embedding, sharedOwners, folds));
                }
            }
            return new Sequential(s.name(), out);
        }
        if (node instanceof Residual r) {
            return new Residual(r.name(), rewrite(r.body(), embedding, sharedOwners, folds),
                    r.shortcut() == null ? null : rewrite(r.shortcut(), embedding, sharedOwners, folds), r.scale(), r.keepProb(), r.post());
        }
        if (node instanceof PolyResidual p) {
            List<Node> functions = new ArrayList<>();
            p.functions().forEach(f -> functions.add(rewrite(f, embedding, sharedOwners, folds)));
            return new PolyResidual(p.name(), p.kind(), functions, p.scale(), p.keepProb());
        }
        if (node instanceof Concat c) {
            List<Node> branches = new ArrayList<>();
            c.branches().forEach(b -> branches.add(rewrite(b, embedding, sharedOwners, folds)));
            return new Concat(c.name(), branches);
        }
        return node;
    }

    private static boolean foldable(Node n, Set<String> sharedOwners) {
        if (n instanceof Conv2d c) {
            return c.sharedWith() == null && !sharedOwners.contains(c.name());
        }
        return n instanceof Linear;
    }
}
