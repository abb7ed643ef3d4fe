package io.polyface.core.onnx;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtSession;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.GlobalAvgPool;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.ShapeInference;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.eval.Parity;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10 items 2 and 3: importing ONNX weights into spec-built networks; export → import → export round trips. */
class OnnxImportTest {

    static Stream<Named<ArchSpec>> specs() {
        return OnnxTestSupport.issueNetworks(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void exportImportExportIsByteIdentical(ArchSpec spec) {
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork source = OnnxTestSupport.randomized(spec, m, 21);
            byte[] first = OnnxExporter.toBytes(source);
            SpecNetwork fresh = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            assertThat(OnnxExporter.toBytes(fresh)).as("a fresh network differs before the import").isNotEqualTo(first);

            OnnxImporter.Result r = OnnxImporter.load(OnnxTestSupport.parse(first), fresh);
            assertThat(r.mode()).isEqualTo(OnnxImporter.Mode.BY_NAME);
            assertThat(r.notes()).isEmpty();
            assertThat(r.tensors()).isEqualTo(OnnxTestSupport.parse(first).getGraph().getInitializerList().stream()
                    .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getDimsCount() > 0).count());
            assertThat(OnnxExporter.toBytes(fresh)).isEqualTo(first);

            float[] x = OnnxTestSupport.images(spec, 2, 5);
            assertThat(OnnxTestSupport.djl(fresh, x, 2)).containsExactly(OnnxTestSupport.djl(source, x, 2));
        }
    }

    /** Our own export with every tensor renamed and the producer changed: matched by structure, same weights. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void anonymisedExportImportsByStructure(ArchSpec spec) {
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork source = OnnxTestSupport.randomized(spec, m, 22);
            byte[] first = OnnxExporter.toBytes(source);
            ModelProto foreign = anonymise(OnnxTestSupport.parse(first));
            SpecNetwork fresh = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            OnnxImporter.Result r = OnnxImporter.load(foreign, fresh);
            assertThat(r.mode()).isEqualTo(OnnxImporter.Mode.BY_STRUCTURE);
            assertThat(OnnxExporter.toBytes(fresh)).isEqualTo(first);
        }
    }

    @Test
    void frFeatureMobileFaceNetImportsByStructureAndMatchesOnnxRuntime() throws Exception {
        Path file = SharedResources.resolve("models/fr_feature.onnx");
        ArchSpec spec = Presets.get("mobilefacenet-y1", ArchOverrides.NONE.withEmbedding(512));
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            OnnxImporter.Result r = OnnxImporter.load(file, net);
            assertThat(r.mode()).isEqualTo(OnnxImporter.Mode.BY_STRUCTURE);
            // PyTorch folded every BN into the conv before it: one note per BN of the spec
            long bns = ShapeInference.infer(spec.input(), spec.root()).nodes().stream()
                    .filter(s -> s.node() instanceof io.polyface.core.arch.BatchNorm).count();
            assertThat(bns).isEqualTo(50);
            assertThat(r.notes()).hasSize(50).contains("layer 'conv1.bn': no BatchNormalization in the file (folded into Conv"
                    + " 'Conv_0'); imported with identity statistics and beta = that node's bias");
            byte[] ours = OnnxExporter.toBytes(net);
            try (OrtSession theirs = OnnxTestSupport.session(Files.readAllBytes(file));
                 OrtSession mine = OnnxTestSupport.session(ours)) {
                for (int i = 0; i < 2; i++) {
                    float[] x = OnnxTestSupport.images(spec, 1, 40 + i);
                    float[] want = OnnxTestSupport.ort(theirs, x, OnnxTestSupport.shape(spec, 1));
                    double djl = Parity.relativeL2(OnnxTestSupport.djl(net, x, 1), want);
                    double exported = Parity.relativeL2(OnnxTestSupport.ort(mine, x, OnnxTestSupport.shape(spec, 1)), want);
                    System.out.printf("fr_feature: DJL %.3g, re-exported %.3g%n", djl, exported);
                    assertThat(djl).isLessThanOrEqualTo(1e-5);
                    assertThat(exported).isLessThanOrEqualTo(1e-5);
                }
            }
        }
    }

    @Test
    void mismatchedWidthsAreReportedByLayerAndBothShapesAndNothingIsWritten(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = dir.resolve("tiny.onnx");
            OnnxExporter.export(OnnxTestSupport.randomized(Presets.get("mobilefacenet-tiny"), m, 1), file);
            SpecNetwork y1 = SpecNetwork.builder().setSpec(Presets.get("mobilefacenet-y1")).optInference(true).build().initialize(m);
            byte[] before = OnnxExporter.toBytes(y1);
            assertThatThrownBy(() -> OnnxImporter.load(file, y1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("network 'mobilefacenet-y1'")
                    .hasMessageContaining("layer 'conv1.conv': tensor 'conv1.conv.weight' has shape [32, 3, 3, 3] in the file,"
                            + " the network expects [64, 3, 3, 3]")
                    .hasMessageContaining("layer 'conv1.bn': tensor 'conv1.bn.gamma' has shape [32] in the file, the network expects [64]");
            assertThat(OnnxExporter.toBytes(y1)).as("a failed import writes nothing").isEqualTo(before);
        }
    }

    /** Same tensor names and shapes, different residual scale: the graph check catches it. */
    @Test
    void aGraphThatDiffersFromTheSpecIsRejected() {
        ArchOverrides small = ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75).withWidth(0.25);
        ArchSpec a = Presets.get("efficient-polyface", small);
        ArchSpec b = Presets.get("efficient-polyface", new ArchOverrides(null, 75, 0.25, List.of(1, 1, 1), null, null, 0.2, null));
        try (NDManager m = NDManager.newBaseManager()) {
            ModelProto file = OnnxTestSupport.parse(OnnxExporter.toBytes(OnnxTestSupport.randomized(a, m, 2)));
            SpecNetwork other = SpecNetwork.builder().setSpec(b).optInference(true).build().initialize(m);
            assertThatThrownBy(() -> OnnxImporter.load(file, other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("constant 'stageA.0.scale' differs");
        }
    }

    /** Same tensors, a convolution with another stride: the first differing node is named with both forms. */
    @Test
    void aDifferentNodeIsNamedWithBothForms() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelProto file = OnnxTestSupport.parse(OnnxExporter.toBytes(OnnxTestSupport.randomized(strided(1), m, 3)));
            SpecNetwork other = SpecNetwork.builder().setSpec(strided(2)).optInference(true).build().initialize(m);
            assertThatThrownBy(() -> OnnxImporter.load(file, other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("differs from the network 'strided' at node 1 'c'")
                    .hasMessageContaining("the file has Conv 'c' (input, c.weight) dilations=[1, 1] group=1 kernel_shape=[3, 3]"
                            + " pads=[1, 1, 1, 1] strides=[1, 1]")
                    .hasMessageContaining("strides=[2, 2]");
        }
    }

    private static ArchSpec strided(int stride) {
        return new ArchSpec("strided", TensorShape.chw(3, 8, 8), "RGB", 0, 1, Sequential.of("net", Conv2d.of("c", 4, 3, stride, 1),
                new GlobalAvgPool("pool"), new Flatten("flat")), "flat", null);
    }

    @Test
    void aForeignFileOfAnotherWidthNamesTheLayerTheNodeAndBothShapes() {
        Path file = SharedResources.resolve("models/fr_feature.onnx");
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork tiny = SpecNetwork.builder().setSpec(Presets.get("mobilefacenet-tiny", ArchOverrides.NONE.withEmbedding(512)))
                    .optInference(true).build().initialize(m);
            assertThatThrownBy(() -> OnnxImporter.load(file, tiny))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("matched by structure")
                    .hasMessageContaining("layer 'conv1.conv': the file's Conv 'Conv_0' (tensor '519') has shape [64, 3, 3, 3],"
                            + " the network expects [32, 3, 3, 3]");
        }
    }

    @Test
    void unreadableFilesAreIoErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {0x0a, (byte) 0xff, 0x01, 0x02});
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(Presets.get("mobilefacenet-tiny")).optInference(true).build().initialize(m);
            assertThatThrownBy(() -> OnnxImporter.load(junk, net)).isInstanceOf(IOException.class)
                    .hasMessageContaining(junk.toString()).hasMessageContaining("not an ONNX model");
            assertThatThrownBy(() -> OnnxImporter.load(dir.resolve("missing.onnx"), net)).isInstanceOf(IOException.class)
                    .hasMessageContaining("missing.onnx");
        }
    }

    /** Renames every tensor and value to an opaque id and drops the PolyFace producer and metadata. */
    static ModelProto anonymise(ModelProto model) {
        Map<String, String> names = new HashMap<>();
        names.put(OnnxExporter.INPUT, OnnxExporter.INPUT);
        names.put(OnnxExporter.OUTPUT, OnnxExporter.OUTPUT);
        names.put("", "");
        GraphProto g = model.getGraph();
        GraphProto.Builder b = g.toBuilder().clearInitializer().clearNode();
        for (TensorProto t : g.getInitializerList()) {
            b.addInitializer(t.toBuilder().setName(names.computeIfAbsent(t.getName(), k -> "t" + names.size())));
        }
        for (NodeProto n : g.getNodeList()) {
            NodeProto.Builder nb = n.toBuilder().clearInput().clearOutput().setName("node" + b.getNodeCount());
            n.getInputList().forEach(i -> nb.addInput(names.computeIfAbsent(i, k -> "v" + names.size())));
            n.getOutputList().forEach(o -> nb.addOutput(names.computeIfAbsent(o, k -> "v" + names.size())));
            b.addNode(nb);
        }
        return model.toBuilder().setProducerName("pytorch").clearMetadataProps().setGraph(b).build();
    }
}
