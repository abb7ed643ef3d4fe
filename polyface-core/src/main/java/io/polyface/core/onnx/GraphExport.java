package io.polyface.core.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.Dropout;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.GlobalAvgPool;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.MaxPool;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.NodeVisitor;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.PolyKind;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.ShapeInference;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.proto.Onnx.AttributeProto;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.OperatorSetIdProto;
import io.polyface.core.onnx.proto.Onnx.StringStringEntryProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;
import io.polyface.core.onnx.proto.Onnx.TensorShapeProto;
import io.polyface.core.onnx.proto.Onnx.TypeProto;
import io.polyface.core.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one walker that turns a spec, with the DJL parameters of its network, into an ONNX inference graph
 * (one case per node type). Layers become ONNX operators of opset {@value OnnxExporter#OPSET}:
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>spec</th><th>ONNX</th></tr>
 *   <tr><td>conv2d</td><td>Conv (weights {@code <layer>.weight [O, I/g, kh, kw]}, {@code <layer>.bias}); a shared
 *       conv reads its owner's initializers</td></tr>
 *   <tr><td>batchnorm</td><td>BatchNormalization with the running statistics and the spec's ε
 *       ({@code <layer>.gamma, .beta, .runningMean, .runningVar}, each {@code [C]}); a non-affine BN exports the
 *       γ = 1, β = 0 that DJL keeps for it as untrained parameters</td></tr>
 *   <tr><td>relu / prelu</td><td>Relu / PRelu (slopes {@code <layer>.alpha}, {@code [C, 1, 1]} on maps,
 *       {@code [C]} on vectors)</td></tr>
 *   <tr><td>maxpool / global_avg_pool / flatten</td><td>MaxPool (with ceil_mode) / GlobalAveragePool / Flatten(axis 1)</td></tr>
 *   <tr><td>linear</td><td>Gemm(transB = 1), weight {@code [out, in]}, bias {@code [out]}</td></tr>
 *   <tr><td>dropout</td><td>nothing (identity at inference)</td></tr>
 *   <tr><td>crop</td><td>Slice on axes 2, 3</td></tr>
 *   <tr><td>resize</td><td>Resize, mode linear, coordinate_transformation_mode half_pixel (no antialiasing), output
 *       sizes {@code [N, C, H, W]} built from Shape(x) so the batch stays dynamic</td></tr>
 *   <tr><td>pixel_scale</td><td>Mul, Add by scalars</td></tr>
 *   <tr><td>concat</td><td>Concat(axis 1)</td></tr>
 *   <tr><td>residual</td><td>{@code post(shortcut(x) + s·p·F(x))}: Mul by the inference scale s·p (omitted when 1), Add</td></tr>
 *   <tr><td>poly_residual</td><td>{@code ReLU(x + s·p·Σ u_k)}, chained kinds with Relu between functions</td></tr>
 * </table>
 *
 * <p>Values are named after the layer that computes them; the graph input is {@value OnnxExporter#INPUT}, the
 * embedding {@value OnnxExporter#OUTPUT}.
 */
final class GraphExport implements NodeVisitor<String> {

    private final ArchSpec spec;
    private final Map<String, Block> blocks;
    private final Map<String, ShapeInference.Shaped> shapes;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<LayerBinding> bindings = new ArrayList<>();
    private final Set<String> values = new HashSet<>();
    private final boolean withValues;
    private String x = OnnxExporter.INPUT;

    private GraphExport(SpecNetwork net, boolean withValues) {
        this.spec = net.spec().forInference();
        this.withValues = withValues;
        this.blocks = net.layers();
        this.shapes = ShapeInference.infer(spec.input(), spec.root()).byName();
        values.add(OnnxExporter.INPUT);
    }

    /**
     * Walks a network's inference spec.
     *
     * @param net an initialised network
     * @param withValues whether parameter initializers carry the parameters' values (false: name, type and shape
     *     only, enough to match a file against the network)
     * @return the walk, holding the graph and the parameter bindings
     * @throws IllegalArgumentException if the spec's input is not an image or a value name is used twice
     * @throws IllegalStateException if the network's parameters are not initialised
     */
    static GraphExport of(SpecNetwork net, boolean withValues) {
        GraphExport g = new GraphExport(net, withValues);
        if (!g.spec.input().isMap()) {
            throw new IllegalArgumentException("architecture '" + g.spec.name() + "' takes " + g.spec.input()
                    + "; ONNX export needs an image input [C, H, W]");
        }
        String out = g.spec.root().accept(g);
        g.nameOutput(out);
        return g;
    }

    /** @return the spec of the exported graph */
    ArchSpec spec() {
        return spec;
    }

    /** @return every layer with parameters, in execution order */
    List<LayerBinding> bindings() {
        return List.copyOf(bindings);
    }

    /** @return the ONNX model with the spec's metadata */
    ModelProto model() {
        GraphProto graph = GraphProto.newBuilder()
                .setName(spec.name())
                .addAllNode(nodes)
                .addAllInitializer(initializers)
                .addInput(valueInfo(OnnxExporter.INPUT, spec.input()))
                .addOutput(valueInfo(OnnxExporter.OUTPUT, ShapeInference.infer(spec.input(), spec.root()).output()))
                .build();
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(OnnxExporter.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
                .setProducerName(OnnxExporter.PRODUCER)
                .setDocString("PolyFace " + spec.name() + " embedding network, exported in inference mode: input '"
                        + OnnxExporter.INPUT + "' [N, " + dims(spec.input()) + "], output '" + OnnxExporter.OUTPUT
                        + "' [N, " + spec.embeddingSize() + "]")
                .setGraph(graph);
        ModelMetadata.of(spec).toMap().forEach((k, v) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    // ---- layers -------------------------------------------------------------------------------------------

    @Override
    public String visitConv2d(Conv2d c) {
        String owner = c.sharedWith() != null ? c.sharedWith() : c.name();
        if (c.sharedWith() == null) {
            List<LayerBinding.Param> ps = new ArrayList<>();
            ps.add(param(c, "weight", null));
            if (c.bias()) {
                ps.add(param(c, "bias", null));
            }
            bind(c, ps);
        }
        List<String> in = new ArrayList<>(List.of(x, owner + ".weight"));
        if (c.bias()) {
            in.add(owner + ".bias");
        }
        return emit("Conv", c.name(), in,
                ints("dilations", 1, 1),
                intAttr("group", c.groups()),
                ints("kernel_shape", c.kernelH(), c.kernelW()),
                ints("pads", c.padH(), c.padW(), c.padH(), c.padW()),
                ints("strides", c.strideH(), c.strideW()));
    }

    @Override
    public String visitBatchNorm(BatchNorm b) {
        bind(b, List.of(param(b, "gamma", null), param(b, "beta", null), param(b, "runningMean", null),
                param(b, "runningVar", null)));
        String p = b.name() + ".";
        return emit("BatchNormalization", b.name(),
                List.of(x, p + "gamma", p + "beta", p + "runningMean", p + "runningVar"),
                floatAttr("epsilon", (float) b.eps()),
                floatAttr("momentum", (float) (1.0 - b.momentum()))); // ONNX keeps the old-statistics weight
    }

    @Override
    public String visitRelu(Relu r) {
        return emit("Relu", r.name(), List.of(x));
    }

    @Override
    public String visitPRelu(PRelu p) {
        TensorShape in = shapes.get(p.name()).input();
        long c = in.channels();
        long[] dims = in.isMap() ? new long[] {c, 1, 1} : new long[] {c};
        bind(p, List.of(param(p, "alpha", dims)));
        return emit("PRelu", p.name(), List.of(x, p.name() + ".alpha"));
    }

    @Override
    public String visitMaxPool(MaxPool p) {
        return emit("MaxPool", p.name(), List.of(x),
                intAttr("ceil_mode", p.ceilMode() ? 1 : 0),
                ints("kernel_shape", p.kernel(), p.kernel()),
                ints("pads", p.padding(), p.padding(), p.padding(), p.padding()),
                ints("strides", p.stride(), p.stride()));
    }

    @Override
    public String visitGlobalAvgPool(GlobalAvgPool g) {
        return emit("GlobalAveragePool", g.name(), List.of(x));
    }

    @Override
    public String visitDropout(Dropout d) {
        return x; // identity at inference
    }

    @Override
    public String visitFlatten(Flatten f) {
        return emit("Flatten", f.name(), List.of(x), intAttr("axis", 1));
    }

    @Override
    public String visitLinear(Linear l) {
        List<LayerBinding.Param> ps = new ArrayList<>();
        ps.add(param(l, "weight", null));
        List<String> in = new ArrayList<>(List.of(x, l.name() + ".weight"));
        if (l.bias()) {
            ps.add(param(l, "bias", null));
            in.add(l.name() + ".bias");
        }
        bind(l, ps);
        return emit("Gemm", l.name(), in, intAttr("transB", 1));
    }

    @Override
    public String visitResize(Resize r) {
        String p = r.name() + ".";
        constant(OnnxTensors.int64s(p + "batch_channels_start", 0));
        constant(OnnxTensors.int64s(p + "batch_channels_end", 2));
        constant(OnnxTensors.int64s(p + "height_width", r.height(), r.width()));
        String shape = emit("Shape", p + "shape", List.of(x));
        String nc = emit("Slice", p + "batch_channels", List.of(shape, p + "batch_channels_start", p + "batch_channels_end"));
        String sizes = emit("Concat", p + "sizes", List.of(nc, p + "height_width"), intAttr("axis", 0));
        return emit("Resize", r.name(), List.of(x, "", "", sizes),
                string("coordinate_transformation_mode", "half_pixel"),
                string("mode", "linear"));
    }

    @Override
    public String visitCrop(Crop c) {
        String p = c.name() + ".";
        constant(OnnxTensors.int64s(p + "starts", c.top(), c.left()));
        constant(OnnxTensors.int64s(p + "ends", c.top() + c.height(), c.left() + c.width()));
        constant(OnnxTensors.int64s(p + "axes", 2, 3));
        return emit("Slice", c.name(), List.of(x, p + "starts", p + "ends", p + "axes"));
    }

    @Override
    public String visitPixelScale(PixelScale s) {
        constant(OnnxTensors.scalar(s.name() + ".scale", (float) s.scale()));
        constant(OnnxTensors.scalar(s.name() + ".shift", (float) s.shift()));
        String scaled = emit("Mul", s.name() + ".scaled", List.of(x, s.name() + ".scale"));
        return emit("Add", s.name(), List.of(scaled, s.name() + ".shift"));
    }

    // ---- composites ---------------------------------------------------------------------------------------

    @Override
    public String visitSequential(Sequential s) {
        for (Node n : s.nodes()) {
            x = n.accept(this);
        }
        return x;
    }

    @Override
    public String visitConcat(Concat c) {
        String in = x;
        List<String> heads = new ArrayList<>();
        for (Node b : c.branches()) {
            x = in;
            heads.add(b.accept(this));
        }
        return emit("Concat", c.name(), heads, intAttr("axis", 1));
    }

    @Override
    public String visitResidual(Residual r) {
        String in = x;
        String f = r.body().accept(this);
        x = in;
        String skip = r.shortcut() == null ? in : r.shortcut().accept(this);
        String sum = emit("Add", r.name(), List.of(skip, scaled(r.name(), f, r.scale() * r.keepProb(), false)));
        if (r.post() == null) {
            return sum;
        }
        x = sum;
        return r.post().accept(this);
    }

    @Override
    public String visitPolyResidual(PolyResidual p) {
        String in = x;
        String sum = null;
        String u = null;
        for (int k = 0; k < p.functions().size(); k++) {
            x = (p.kind() == PolyKind.WAY || u == null) ? in : emit("Relu", p.name() + ".relu" + k, List.of(u));
            u = p.functions().get(k).accept(this);
            sum = sum == null ? u : emit("Add", p.name() + ".sum" + k, List.of(sum, u));
        }
        String y = emit("Add", p.name() + ".add", List.of(in, scaled(p.name(), sum, p.scale() * p.keepProb(), true)));
        return emit("Relu", p.name(), List.of(y));
    }

    /**
     * {@code value · s} as the DJL blocks compute it (a residual skips the multiplication when s = 1).
     */
    private String scaled(String owner, String value, double s, boolean always) {
        if (s == 1.0 && !always) {
            return value;
        }
        constant(OnnxTensors.scalar(owner + ".scale", (float) s));
        return emit("Mul", owner + ".scaled", List.of(value, owner + ".scale"));
    }

    // ---- graph building -----------------------------------------------------------------------------------

    private String emit(String op, String name, List<String> inputs, AttributeProto... attributes) {
        claim(name);
        nodes.add(NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(inputs)
                .addOutput(name)
                .addAllAttribute(List.of(attributes))
                .build());
        return name;
    }

    private void constant(TensorProto t) {
        claim(t.getName());
        initializers.add(t);
    }

    private void claim(String value) {
        if (!values.add(value)) {
            throw new IllegalArgumentException("ONNX export of '" + spec.name() + "': value name '" + value
                    + "' is used twice (a layer name clashes with a generated tensor name); rename the layer");
        }
    }

    private LayerBinding.Param param(Node layer, String name, long[] onnxDims) {
        Block block = blocks.get(layer.name());
        if (block == null) {
            throw new IllegalStateException("the network has no block for layer '" + layer.name() + "'");
        }
        Parameter p = block.getDirectParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalStateException("layer '" + layer.name() + "': DJL parameter '" + name
                    + "' is missing or not initialised (call SpecNetwork.initialize first)");
        }
        long[] djl = p.getArray().getShape().getShape();
        return new LayerBinding.Param(name, layer.name() + "." + name, p, onnxDims != null ? onnxDims : djl);
    }

    private void bind(Node layer, List<LayerBinding.Param> params) {
        for (LayerBinding.Param p : params) {
            constant(withValues ? OnnxTensors.floats(p.tensor(), p.onnxDims(), p.parameter().getArray().toFloatArray())
                    : OnnxTensors.shapeOnly(p.tensor(), p.onnxDims()));
        }
        bindings.add(new LayerBinding(layer, params));
    }

    /** Renames the final value to {@value OnnxExporter#OUTPUT} (an Identity when the graph computes nothing). */
    private void nameOutput(String out) {
        if (out.equals(OnnxExporter.INPUT)) {
            emit("Identity", OnnxExporter.OUTPUT, List.of(OnnxExporter.INPUT));
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            NodeProto.Builder b = n.toBuilder();
            for (int k = 0; k < n.getInputCount(); k++) {
                if (n.getInput(k).equals(out)) {
                    b.setInput(k, OnnxExporter.OUTPUT);
                }
            }
            for (int k = 0; k < n.getOutputCount(); k++) {
                if (n.getOutput(k).equals(out)) {
                    b.setOutput(k, OnnxExporter.OUTPUT);
                }
            }
            nodes.set(i, b.build());
        }
    }

    private static ValueInfoProto valueInfo(String name, TensorShape shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExporter.BATCH));
        for (int d : shape.dims()) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(s)))
                .build();
    }

    private static String dims(TensorShape s) {
        String t = s.toString();
        return t.substring(1, t.length() - 1);
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }
}
