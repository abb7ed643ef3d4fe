package io.polyface.core.onnx;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtSession;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.GlobalAvgPool;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.eval.Parity;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.proto.Onnx.AttributeProto;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.OperatorSetIdProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;
import io.polyface.core.onnx.proto.Onnx.TensorShapeProto;
import io.polyface.core.onnx.proto.Onnx.TypeProto;
import io.polyface.core.onnx.proto.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Structural import of hand-written "foreign" graphs that use the forms PyTorch exporters produce: a conv bias
 * before BN, another BN ε, one shared PReLU slope, a linear layer as MatMul + Add or as Gemm with transB = 0 and
 * α, β ≠ 1, and the embedding BN folded away. ONNX Runtime on the foreign file is the reference.
 */
class ForeignImportTest {

    /** conv 3×3 (no bias) → BN → PReLU → global pool → flatten → linear (bias) → BN1d, input [3, 8, 8]. */
    private static final ArchSpec SPEC = new ArchSpec("tiny", TensorShape.chw(3, 8, 8), "RGB", 0, 1, Sequential.of("net",
            Conv2d.of("c", 4, 3, 1, 1), BatchNorm.of("bn", 1e-5), new PRelu("act"), new GlobalAvgPool("pool"),
            new Flatten("flat"), new Linear("fc", 5, true), BatchNorm.of("features", 1e-5)), "features", null);

    private final SplittableRandom rnd = new SplittableRandom(9);

    @Test
    void matMulAddFormMatchesOnnxRuntime() throws Exception {
        List<NodeProto> head = List.of(
                node("MatMul", List.of("flat", "fc_w"), "mm"),
                node("Add", List.of("mm", "fc_b"), "output"));
        List<TensorProto> headTensors = List.of(tensor("fc_w", 4, 5), tensor("fc_b", 5));
        OnnxImporter.Result r = importAndCompare(head, headTensors);
        assertThat(String.join("\n", r.notes()))
                .contains("layer 'bn': the preceding conv's bias in the file is moved into the running mean")
                .contains("layer 'bn': the file's epsilon 0.0010000000474974513 differs from the spec's 1.0E-5")
                .contains("layer 'act': the file's PRelu 'act' has one shared slope; copied to all 4 channels")
                .contains("layer 'features': no BatchNormalization in the file (folded into MatMul 'mm'); imported with identity statistics");
    }

    @Test
    void gemmWithoutTransposeAndScalingMatchesOnnxRuntime() throws Exception {
        NodeProto gemm = node("Gemm", List.of("flat", "fc_w", "fc_b"), "output").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF(0.5f))
                .addAttribute(AttributeProto.newBuilder().setName("beta").setType(AttributeProto.AttributeType.FLOAT).setF(2f))
                .build();
        OnnxImporter.Result r = importAndCompare(List.of(gemm), List.of(tensor("fc_w", 4, 5), tensor("fc_b", 5)));
        assertThat(r.mode()).isEqualTo(OnnxImporter.Mode.BY_STRUCTURE);
    }

    @Test
    void aDifferentStrideIsNamedWithTheLayer() {
        assertRefused(model(List.of(node("MatMul", List.of("flat", "fc_w"), "output")), List.of(tensor("fc_w", 4, 5)), 2),
                "layer 'c': Conv 'c' has strides [2, 2], the spec 1x1");
    }

    @Test
    void aMissingLayerIsNamed() {
        // no bias on the MatMul: the features BN cannot have been folded, and the spec's linear has a bias
        assertRefused(model(List.of(node("MatMul", List.of("flat", "fc_w"), "output")), List.of(tensor("fc_w", 4, 5)), 1),
                "layer 'fc' has a bias, the file's MatMul 'output' has none", "layer 'features': the file has no parameter node left");
    }

    /** Loading {@code model} into a fresh network of {@link #SPEC} is refused with a message holding every part. */
    private static void assertRefused(ModelProto model, String... messageParts) {
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(SPEC).optInference(true).build().initialize(m);
            assertThatThrownBy(() -> OnnxImporter.load(model, net)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll(messageParts);
        }
    }

    private OnnxImporter.Result importAndCompare(List<NodeProto> head, List<TensorProto> headTensors) throws Exception {
        ModelProto model = model(head, headTensors, 1);
        try (NDManager m = NDManager.newBaseManager();
             OrtSession s = OnnxTestSupport.session(model.toByteArray())) {
            SpecNetwork net = SpecNetwork.builder().setSpec(SPEC).optInference(true).build().initialize(m);
            OnnxImporter.Result r = OnnxImporter.load(model, net);
            assertThat(r.mode()).isEqualTo(OnnxImporter.Mode.BY_STRUCTURE);
            assertThat(r.tensors()).isEqualTo(1 + 4 + 1 + 2 + 4);
            float[] x = OnnxTestSupport.images(SPEC, 3, 1);
            for (int i = 0; i < x.length; i++) {
                x[i] /= 64f;
            }
            float[] want = OnnxTestSupport.ort(s, x, OnnxTestSupport.shape(SPEC, 3));
            assertThat(Parity.relativeL2(OnnxTestSupport.djl(net, x, 3), want)).isLessThanOrEqualTo(1e-6);
            return r;
        }
    }

    /** The foreign graph: Conv (bias) → BatchNormalization (ε 1e-3) → PRelu (1 slope) → pool → flatten → head. */
    private ModelProto model(List<NodeProto> head, List<TensorProto> headTensors, int stride) {
        NodeProto conv = node("Conv", List.of("input", "c_w", "c_b"), "c").toBuilder()
                .addAttribute(ints("pads", 1, 1, 1, 1)).addAttribute(ints("strides", stride, stride)).build();
        NodeProto bn = node("BatchNormalization", List.of("c", "bn_s", "bn_b", "bn_m", "bn_v"), "bn").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT).setF(1e-3f))
                .build();
        TensorProto var = tensor("bn_v", 4);
        float[] v = OnnxTensors.toFloats(var);
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5f + Math.abs(v[i]);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("foreign")
                .addNode(conv).addNode(bn)
                .addNode(node("PRelu", List.of("bn", "slope"), "act"))
                .addNode(node("GlobalAveragePool", List.of("act"), "pool"))
                .addNode(node("Flatten", List.of("pool"), "flat"))
                .addAllNode(head)
                .addInitializer(tensor("c_w", 4, 3, 3, 3)).addInitializer(tensor("c_b", 4))
                .addInitializer(tensor("bn_s", 4)).addInitializer(tensor("bn_b", 4)).addInitializer(tensor("bn_m", 4))
                .addInitializer(OnnxTensors.floats("bn_v", new long[] {4}, v))
                .addInitializer(OnnxTensors.floats("slope", new long[] {1}, new float[] {0.2f}))
                .addAllInitializer(headTensors)
                .addInput(value("input", -1, 3, 8, 8)).addOutput(value("output", -1, 5));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("pytorch")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g).build();
    }

    private static NodeProto node(String op, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(in).addOutput(out).build();
    }

    private TensorProto tensor(String name, long... dims) {
        float[] v = new float[(int) OnnxTensors.numel(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return OnnxTensors.floats(name, dims, v);
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N") : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }
}
