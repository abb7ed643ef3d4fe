package io.polyface.core.onnx;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.Sequential;
import io.polyface.core.onnx.proto.Onnx.AttributeProto;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the weights of a foreign ONNX file (e.g. an InsightFace iResNet or MobileFaceNet exported from PyTorch,
 * whose tensor names are arbitrary) to a network's parameters by structure: the file's parameter nodes — Conv,
 * BatchNormalization, PRelu, Gemm / MatMul(+Add) — are read in graph order and paired, one by one, with the
 * network's parameter layers in execution order (conv2d, batchnorm, prelu, linear; a residual's body before its
 * shortcut). Every pair must agree in kind, in tensor shapes and, for convolutions, in stride, padding, groups
 * and dilation.
 *
 * <p>Exact rewrites accepted on the way (each listed in the import notes):
 * <ul>
 *   <li>A spec batchnorm that directly follows a conv2d/linear may be absent from the file when the file's
 *       conv/Gemm has a bias: PyTorch's exporter folds eval-mode BN into the preceding convolution
 *       ({@code W' = W·γ/σ}, {@code b' = β + (b − μ)·γ/σ}). It is imported as γ = 1, μ = 0, σ² = 1 − ε and
 *       β = that bias (or β = 0 when the spec layer has its own bias, which then takes it).</li>
 *   <li>A file conv bias before a file BN, where the spec conv has none, moves into the BN mean: μ' = μ − b.</li>
 *   <li>A BN ε different from the spec's is absorbed into the variance: σ²' = σ² + ε_file − ε_spec.</li>
 *   <li>A linear layer may be a Gemm (any transB, α, β), a MatMul by a constant (+ Add of a constant bias), or a
 *       convolution whose kernel covers its whole input map (1×1 on a 1×1 map), flattened in C-major order.</li>
 *   <li>One shared PReLU slope is broadcast to all channels; a Conv that reuses an earlier Conv's weight tensor
 *       counts as shared (as the spec's {@code sharedWith}).</li>
 * </ul>
 * Other operators with floating-point constants (e.g. a Sub/Mul input normalisation) are skipped and listed in
 * the notes: their preprocessing is not part of the network and must be applied by the caller.
 */
final class StructureMatcher {

    private StructureMatcher() {}

    /** The kinds of parameter nodes. */
    private enum Kind { CONV, BATCH_NORM, PRELU, FC }

    /**
     * One parameter node of the foreign graph.
     *
     * @param kind its kind
     * @param label e.g. {@code Conv 'Conv_9'}, for messages
     * @param node the node
     * @param weightName name of the weight (or slope, or BN scale) tensor, for messages
     * @param weightDims weight shape as stored ({@code [out, in]} for FC after transposition)
     * @param weight weight values (FC: {@code [out, in]} row-major)
     * @param bias bias values, or {@code null}
     * @param stats BN γ, β, μ, σ² (each {@code [C]}), or {@code null}
     * @param eps BN ε
     */
    private record Foreign(Kind kind, String label, NodeProto node, String weightName, long[] weightDims, float[] weight,
                           float[] bias, float[][] stats, double eps) {

        Foreign withBias(float[] b) {
            return new Foreign(kind, label, node, weightName, weightDims, weight, b, stats, eps);
        }
    }

    /**
     * @param file the foreign graph
     * @param expected the target network's export (parameter bindings in execution order)
     * @param notes receives one line per rewrite or skipped constant
     * @return one assignment per parameter of the network's inference graph
     * @throws IllegalArgumentException naming the layer, the file's node and both shapes at every mismatch
     */
    static List<Assignment> match(GraphProto file, GraphExport expected, List<String> notes) {
        List<Foreign> foreign = parse(file, notes);
        Map<String, String> fusable = fusablePartners(expected.spec());
        List<Assignment> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int j = 0;
        float[] pendingBias = null;          // a file conv/FC bias the spec layer has no place for: must go to its BN
        String previousLayer = null;
        Foreign previousForeign = null;
        String arch = expected.spec().name();
        for (LayerBinding b : expected.bindings()) {
            Node layer = b.layer();
            boolean fusedBn = layer instanceof BatchNorm && previousLayer != null
                    && previousLayer.equals(fusable.get(layer.name())) && previousForeign != null
                    && previousForeign.bias() != null
                    && (j >= foreign.size() || foreign.get(j).kind() != Kind.BATCH_NORM);
            if (pendingBias != null && !(layer instanceof BatchNorm && previousLayer.equals(fusable.get(layer.name())))) {
                problems.add("layer '" + previousLayer + "': the file's " + previousForeign.label() + " has a bias, but the"
                        + " layer has none and no batch normalisation follows it");
                break;
            }
            if (fusedBn) {
                BatchNorm bn = (BatchNorm) layer;
                int c = Math.toIntExact(b.param("gamma").parameter().getArray().size());
                float[] beta = pendingBias != null ? pendingBias : new float[c];
                if (beta.length != c) {
                    problems.add(shape(layer, previousForeign, new long[] {beta.length}, new long[] {c}));
                    break;
                }
                out.add(new Assignment(b.param("gamma"), filled(c, 1f)));
                out.add(new Assignment(b.param("beta"), beta));
                out.add(new Assignment(b.param("runningMean"), new float[c]));
                out.add(new Assignment(b.param("runningVar"), filled(c, (float) (1.0 - bn.eps()))));
                notes.add("layer '" + layer.name() + "': no BatchNormalization in the file (folded into "
                        + previousForeign.label() + "); imported with identity statistics"
                        + (pendingBias != null ? " and beta = that node's bias" : ""));
                pendingBias = null;
                previousLayer = layer.name();
                previousForeign = null;
                continue;
            }
            if (j >= foreign.size()) {
                problems.add("layer '" + layer.name() + "': the file has no parameter node left (it has " + foreign.size()
                        + "; the network '" + arch + "' needs more)");
                break;
            }
            Foreign f = foreign.get(j++);
            String kindProblem = expectKind(layer, f);
            if (kindProblem != null) {
                problems.add(kindProblem);
                break;
            }
            if (layer instanceof Conv2d conv) {
                long[] want = b.param("weight").djlDims();
                String attrs = convAttributes(conv, f.node());
                if (attrs != null) {
                    problems.add("layer '" + layer.name() + "': " + f.label() + " " + attrs);
                } else if (!Arrays.equals(f.weightDims(), want)) {
                    problems.add(shape(layer, f, f.weightDims(), want));
                } else {
                    out.add(new Assignment(b.param("weight"), f.weight()));
                }
                pendingBias = bias(b, conv.bias(), f, out, problems);
            } else if (layer instanceof Linear lin) {
                long[] want = b.param("weight").djlDims();
                String attrs = f.kind() == Kind.CONV ? fullMapConv(f.node()) : null;
                if (attrs != null) {
                    problems.add("layer '" + layer.name() + "': " + f.label() + " " + attrs);
                } else if (f.weightDims()[0] != want[0] || OnnxTensors.numel(f.weightDims()) != want[0] * want[1]) {
                    problems.add(shape(layer, f, f.weightDims(), want));
                } else {
                    out.add(new Assignment(b.param("weight"), f.weight()));
                }
                pendingBias = bias(b, lin.bias(), f, out, problems);
            } else if (layer instanceof BatchNorm bn) {
                int c = Math.toIntExact(b.param("gamma").parameter().getArray().size());
                float[] bad = Arrays.stream(f.stats()).filter(v -> v.length != c).findFirst().orElse(null);
                if (bad != null) {
                    problems.add(shape(layer, f, new long[] {bad.length}, new long[] {c}));
                } else {
                    batchNorm(b, bn, f, pendingBias, out, problems, notes);
                }
                pendingBias = null;
            } else if (layer instanceof PRelu) {
                long[] want = b.param("alpha").djlDims();
                if (f.weight().length == want[0]) {
                    out.add(new Assignment(b.param("alpha"), f.weight()));
                } else if (f.weight().length == 1) {
                    out.add(new Assignment(b.param("alpha"), filled(Math.toIntExact(want[0]), f.weight()[0])));
                    notes.add("layer '" + layer.name() + "': the file's " + f.label() + " has one shared slope; copied to all "
                            + want[0] + " channels");
                } else {
                    problems.add(shape(layer, f, f.weightDims(), want));
                }
            }
            previousLayer = layer.name();
            previousForeign = f;
        }
        if (problems.isEmpty() && pendingBias != null) {
            problems.add("layer '" + previousLayer + "': the file's " + previousForeign.label() + " has a bias, but the layer"
                    + " has none and no batch normalisation follows it");
        }
        if (problems.isEmpty() && j < foreign.size()) {
            Foreign f = foreign.get(j);
            problems.add("the file has " + (foreign.size() - j) + " parameter node(s) more than the network '" + arch
                    + "', from " + f.label() + " with tensor '" + f.weightName() + "' " + Arrays.toString(f.weightDims()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the ONNX weights do not fit the network '" + arch + "' (matched by structure,"
                    + " " + problems.size() + " mismatch" + (problems.size() == 1 ? "" : "es") + "): "
                    + NameMatcher.summarise(problems));
        }
        return out;
    }

    // ---- pairing rules ------------------------------------------------------------------------------------

    private static String expectKind(Node layer, Foreign f) {
        boolean ok = switch (f.kind()) {
            case CONV -> layer instanceof Conv2d || layer instanceof Linear;
            case FC -> layer instanceof Linear;
            case BATCH_NORM -> layer instanceof BatchNorm;
            case PRELU -> layer instanceof PRelu;
        };
        if (ok) {
            return null;
        }
        String want = layer instanceof Conv2d ? "a Conv" : layer instanceof Linear ? "a Gemm, MatMul or full-map Conv"
                : layer instanceof BatchNorm ? "a BatchNormalization" : "a PRelu";
        return "layer '" + layer.name() + "' needs " + want + ", but the file's next parameter node is " + f.label()
                + " with tensor '" + f.weightName() + "' " + Arrays.toString(f.weightDims());
    }

    /** Copies or re-routes a conv/FC bias; returns a bias that must go into the following BN, or null. */
    private static float[] bias(LayerBinding b, boolean specBias, Foreign f, List<Assignment> out, List<String> problems) {
        if (f.bias() == null) {
            if (specBias) {
                problems.add("layer '" + b.layer().name() + "' has a bias, the file's " + f.label() + " has none");
            }
            return null;
        }
        if (specBias) {
            long[] want = b.param("bias").djlDims();
            if (f.bias().length != want[0]) {
                problems.add(shape(b.layer(), f, new long[] {f.bias().length}, want));
            } else {
                out.add(new Assignment(b.param("bias"), f.bias()));
            }
            return null;
        }
        return f.bias();
    }

    private static void batchNorm(LayerBinding b, BatchNorm bn, Foreign f, float[] pendingBias, List<Assignment> out,
                                  List<String> problems, List<String> notes) {
        float[] mean = f.stats()[2].clone();
        float[] var = f.stats()[3].clone();
        if (pendingBias != null) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) ((double) mean[i] - pendingBias[i]);
            }
            notes.add("layer '" + b.layer().name() + "': the preceding conv's bias in the file is moved into the running mean");
        }
        if (f.eps() != bn.eps()) {
            for (int i = 0; i < var.length; i++) {
                double v = (double) var[i] + f.eps() - bn.eps();
                if (!(v > 0)) {
                    problems.add("layer '" + b.layer().name() + "': the file's " + f.label() + " has epsilon " + f.eps()
                            + " and variance " + var[i] + " in channel " + i + ", which the spec's epsilon " + bn.eps()
                            + " cannot reproduce");
                    return;
                }
                var[i] = (float) v;
            }
            notes.add("layer '" + b.layer().name() + "': the file's epsilon " + f.eps() + " differs from the spec's "
                    + bn.eps() + "; absorbed into the running variance");
        }
        out.add(new Assignment(b.param("gamma"), f.stats()[0]));
        out.add(new Assignment(b.param("beta"), f.stats()[1]));
        out.add(new Assignment(b.param("runningMean"), mean));
        out.add(new Assignment(b.param("runningVar"), var));
    }

    /** @return null if the file's Conv computes what the spec's conv2d computes (besides shapes), else the difference */
    private static String convAttributes(Conv2d c, NodeProto n) {
        long[] strides = ints(n, "strides", 1, 1);
        long[] pads = ints(n, "pads", 0, 0, 0, 0);
        long[] dilations = ints(n, "dilations", 1, 1);
        long group = integer(n, "group", 1);
        String autoPad = string(n, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !(autoPad.equals("VALID") && c.padH() == 0 && c.padW() == 0)) {
            return "uses auto_pad " + autoPad + "; the spec pads " + c.padH() + "x" + c.padW();
        }
        if (!Arrays.equals(strides, new long[] {c.strideH(), c.strideW()})) {
            return "has strides " + Arrays.toString(strides) + ", the spec " + c.strideH() + "x" + c.strideW();
        }
        if (!Arrays.equals(pads, new long[] {c.padH(), c.padW(), c.padH(), c.padW()})) {
            return "has pads " + Arrays.toString(pads) + ", the spec [" + c.padH() + ", " + c.padW() + ", " + c.padH() + ", " + c.padW() + "]";
        }
        if (!Arrays.equals(dilations, new long[] {1, 1})) {
            return "has dilations " + Arrays.toString(dilations) + "; the spec's convolutions are not dilated";
        }
        if (group != c.groups()) {
            return "has " + group + " groups, the spec " + c.groups();
        }
        return null;
    }

    /** A conv standing in for a linear layer must be a plain dense window: no padding, no groups, no dilation. */
    private static String fullMapConv(NodeProto n) {
        long[] pads = ints(n, "pads", 0, 0, 0, 0);
        if (integer(n, "group", 1) != 1 || Arrays.stream(pads).anyMatch(p -> p != 0)
                || Arrays.stream(ints(n, "dilations", 1, 1)).anyMatch(d -> d != 1)
                || !string(n, "auto_pad", "NOTSET").matches("NOTSET|VALID")) {
            return "cannot stand in for a linear layer (it is padded, grouped or dilated)";
        }
        return null;
    }

    /** BN layers that directly follow a conv2d or linear inside a sequential, mapped to that layer's name. */
    private static Map<String, String> fusablePartners(ArchSpec spec) {
        Map<String, String> m = new HashMap<>();
        collect(spec.root(), m);
        return m;
    }

    private static void collect(Node node, Map<String, String> m) {
        if (node instanceof Sequential s) {
            for (int i = 1; i < s.nodes().size(); i++) {
                Node a = s.nodes().get(i - 1);
                if (s.nodes().get(i) instanceof BatchNorm bn && ((a instanceof Conv2d c && c.sharedWith() == null) || a instanceof Linear)) {
                    m.put(bn.name(), a.name());
                }
            }
        }
        for (Node child : ArchSpec.children(node)) {
            collect(child, m);
        }
    }

    // ---- reading the foreign graph ------------------------------------------------------------------------

    private static List<Foreign> parse(GraphProto g, List<String> notes) {
        Map<String, TensorProto> consts = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            consts.put(t.getName(), t);
        }
        List<Foreign> out = new ArrayList<>();
        Map<String, Integer> matMulByOutput = new HashMap<>();
        Set<TensorProto> convWeights = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NodeProto n : g.getNodeList()) {
            String label = n.getOpType() + " '" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "'";
            switch (n.getOpType()) {
                case "Constant" -> {
                    for (AttributeProto a : n.getAttributeList()) {
                        if (a.getName().equals("value") && a.hasT()) {
                            consts.put(n.getOutput(0), a.getT());
                        }
                    }
                }
                case "Identity" -> {
                    if (consts.containsKey(n.getInput(0))) {
                        consts.put(n.getOutput(0), consts.get(n.getInput(0)));
                    }
                }
                case "Conv" -> {
                    TensorProto w = constant(n, 1, consts, label, true);
                    if (!convWeights.add(w)) {
                        notes.add(label + " reuses an earlier convolution's weights; treated as a shared convolution");
                        continue;
                    }
                    TensorProto b = constant(n, 2, consts, label, false);
                    out.add(new Foreign(Kind.CONV, label, n, n.getInput(1), OnnxTensors.dims(w), OnnxTensors.toFloats(w),
                            b == null ? null : OnnxTensors.toFloats(b), null, 0));
                }
                case "BatchNormalization" -> {
                    float[][] stats = new float[4][];
                    for (int i = 0; i < 4; i++) {
                        stats[i] = OnnxTensors.toFloats(constant(n, i + 1, consts, label, true));
                    }
                    double eps = n.getAttributeList().stream().filter(a -> a.getName().equals("epsilon"))
                            .mapToDouble(AttributeProto::getF).findFirst().orElse(1e-5);
                    out.add(new Foreign(Kind.BATCH_NORM, label, n, n.getInput(1), new long[] {stats[0].length}, stats[0],
                            null, stats, eps));
                }
                case "PRelu" -> {
                    TensorProto s = constant(n, 1, consts, label, true);
                    out.add(new Foreign(Kind.PRELU, label, n, n.getInput(1), OnnxTensors.dims(s), OnnxTensors.toFloats(s),
                            null, null, 0));
                }
                case "Gemm" -> out.add(gemm(n, label, consts));
                case "MatMul" -> {
                    TensorProto w = consts.get(n.getInput(1));
                    if (w != null && w.getDimsCount() == 2 && OnnxTensors.isReal(w)) {
                        long[] d = OnnxTensors.dims(w);
                        matMulByOutput.put(n.getOutput(0), out.size());
                        out.add(new Foreign(Kind.FC, label, n, n.getInput(1), new long[] {d[1], d[0]},
                                transpose(OnnxTensors.toFloats(w), (int) d[0], (int) d[1]), null, null, 0));
                    } else {
                        skipped(n, label, consts, notes);
                    }
                }
                case "Add" -> {
                    Integer fc = matMulByOutput.get(n.getInput(0));
                    String other = n.getInputCount() > 1 ? n.getInput(1) : "";
                    if (fc == null && n.getInputCount() > 1) {
                        fc = matMulByOutput.get(n.getInput(1));
                        other = n.getInput(0);
                    }
                    TensorProto b = consts.get(other);
                    if (fc != null && b != null && OnnxTensors.isReal(b) && out.get(fc).bias() == null
                            && OnnxTensors.numel(OnnxTensors.dims(b)) == out.get(fc).weightDims()[0]) {
                        out.set(fc, out.get(fc).withBias(OnnxTensors.toFloats(b)));
                    } else {
                        skipped(n, label, consts, notes);
                    }
                }
                default -> skipped(n, label, consts, notes);
            }
        }
        return out;
    }

    private static Foreign gemm(NodeProto n, String label, Map<String, TensorProto> consts) {
        if (integer(n, "transA", 0) != 0) {
            throw new IllegalArgumentException("ONNX node " + label + " transposes its input (transA = 1); not a linear layer");
        }
        TensorProto w = constant(n, 1, consts, label, true);
        long[] d = OnnxTensors.dims(w);
        if (d.length != 2) {
            throw new IllegalArgumentException("ONNX node " + label + ": weight '" + n.getInput(1) + "' has shape "
                    + Arrays.toString(d) + "; expected a matrix");
        }
        float[] values = OnnxTensors.toFloats(w);
        boolean transB = integer(n, "transB", 0) != 0;
        long[] dims = transB ? d : new long[] {d[1], d[0]};
        if (!transB) {
            values = transpose(values, (int) d[0], (int) d[1]);
        }
        float alpha = real(n, "alpha", 1f);
        float beta = real(n, "beta", 1f);
        scale(values, alpha);
        TensorProto c = constant(n, 2, consts, label, false);
        float[] bias = c == null ? null : OnnxTensors.toFloats(c);
        if (bias != null) {
            if (bias.length == 1 && dims[0] > 1) {
                bias = filled(Math.toIntExact(dims[0]), bias[0]);
            }
            scale(bias, beta);
        }
        return new Foreign(Kind.FC, label, n, n.getInput(1), dims, values, bias, null, 0);
    }

    private static void skipped(NodeProto n, String label, Map<String, TensorProto> consts, List<String> notes) {
        for (String in : n.getInputList()) {
            TensorProto t = consts.get(in);
            if (t != null && OnnxTensors.isReal(t)) {
                notes.add("skipped " + label + " with constant '" + in + "' " + Arrays.toString(OnnxTensors.dims(t))
                        + " (not a parameter layer; apply its preprocessing yourself)");
            }
        }
    }

    private static TensorProto constant(NodeProto n, int input, Map<String, TensorProto> consts, String label, boolean required) {
        String name = n.getInputCount() > input ? n.getInput(input) : "";
        if (name.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("ONNX node " + label + " has no input " + input);
            }
            return null;
        }
        TensorProto t = consts.get(name);
        if (t == null) {
            throw new IllegalArgumentException("ONNX node " + label + ": input '" + name + "' is computed, not a constant"
                    + " (initializer or Constant node); its weights cannot be imported");
        }
        return t;
    }

    // ---- small helpers ------------------------------------------------------------------------------------

    private static String shape(Node layer, Foreign f, long[] file, long[] want) {
        return "layer '" + layer.name() + "': the file's " + f.label() + " (tensor '" + f.weightName() + "') has shape "
                + Arrays.toString(file) + ", the network expects " + Arrays.toString(want);
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    private static void scale(float[] v, float s) {
        if (s != 1f) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= s;
            }
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private static long[] ints(NodeProto n, String name, long... defaults) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return defaults;
    }

    private static long integer(NodeProto n, String name, long dflt) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(AttributeProto::getI)
                .findFirst().orElse(dflt);
    }

    private static float real(NodeProto n, String name, float dflt) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return dflt;
    }

    private static String string(NodeProto n, String name, String dflt) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).map(a -> a.getS().toStringUtf8())
                .findFirst().orElse(dflt);
    }
}
