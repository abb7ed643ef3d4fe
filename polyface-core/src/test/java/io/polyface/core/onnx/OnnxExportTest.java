package io.polyface.core.onnx;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
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
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.PolyKind;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.eval.Parity;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/** The exported graph: metadata, dynamic batch, the inference form of every layer type, resize semantics. */
class OnnxExportTest {

    @Test
    void metadataInputAndOutputAsOnnxRuntimeReadsThem(@TempDir Path dir) throws Exception {
        ArchSpec spec = Presets.get("iresnet18");
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = OnnxTestSupport.randomized(spec, m, 3);
            Path file = dir.resolve("out/iresnet18.onnx");
            OnnxExporter.export(net, file);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).isEqualTo(OnnxExporter.toBytes(net));
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("iresnet18.onnx");
            }
            try (OrtSession s = OnnxTestSupport.session(bytes)) {
                assertThat(s.getMetadata().getProducerName()).isEqualTo("polyface");
                Map<String, String> meta = s.getMetadata().getCustomMetadata();
                assertThat(meta).contains(
                        entry("polyface.input_size", "112"),
                        entry("polyface.channel_order", "RGB"),
                        entry("polyface.mean", "127.5"),
                        entry("polyface.std", "127.5"),
                        entry("polyface.embedding_size", "512"),
                        entry("polyface.flops", Long.toString(FlopsCounter.count(spec).flops(Convention.LFR))),
                        entry("polyface.flops_convention", "lfr"));
                assertThat(ArchSpecJson.toJson(ArchSpecJson.fromJson(meta.get("polyface.arch")))).isEqualTo(ArchSpecJson.toJson(spec));
                assertThat(ModelMetadata.fromMap(meta, "iresnet18.onnx").toMap()).isEqualTo(ModelMetadata.of(spec).toMap());

                NodeInfo in = s.getInputInfo().get("input");
                NodeInfo out = s.getOutputInfo().get("output");
                assertThat(s.getInputInfo()).hasSize(1);
                assertThat(((TensorInfo) in.getInfo()).getShape()).containsExactly(-1, 3, 112, 112);
                assertThat(((TensorInfo) in.getInfo()).getDimensionNames()[0]).isEqualTo("N");
                assertThat(((TensorInfo) out.getInfo()).getShape()).containsExactly(-1, 512);
            }
        }
    }

    /** Efficient PolyFace: BGR raw pixels, the embedding is head.fc (the non-affine BN after it is not exported). */
    @Test
    void polyFaceExportsItsInferenceGraph() {
        ArchSpec spec = Presets.get("efficient-polyface", ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75).withWidth(0.25));
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork full = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            ModelProto model = OnnxExporter.toModel(full);
            Map<String, String> meta = model.getMetadataPropsList().stream()
                    .collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue()));
            assertThat(meta).contains(entry("polyface.channel_order", "BGR"), entry("polyface.mean", "0.0"),
                    entry("polyface.std", "1.0"), entry("polyface.input_size", "112"), entry("polyface.embedding_size", "256"));
            GraphProto g = model.getGraph();
            assertThat(g.getNodeList()).extracting(NodeProto::getName).doesNotContain("head.features", "head.dropout");
            NodeProto last = g.getNode(g.getNodeCount() - 1);
            assertThat(last.getOpType()).isEqualTo("Gemm");
            assertThat(last.getName()).isEqualTo("head.fc");
            assertThat(last.getOutputList()).containsExactly("output");
            // stochastic depth at inference: the residual branch is scaled by s·p = 0.3·0.8
            assertThat(floatOf(g, "stageA.0.scale")).isEqualTo((float) (0.3 * 0.8));
            NodeProto resize = node(g, "input.resize");
            assertThat(resize.getOpType()).isEqualTo("Resize");
            assertThat(resize.getAttributeList()).extracting(a -> a.getName() + "=" + a.getS().toStringUtf8())
                    .containsExactlyInAnyOrder("coordinate_transformation_mode=half_pixel", "mode=linear");
            assertThat(node(g, "stem.c1.bn").getAttribute(0).getF()).isEqualTo((float) 1e-10);
        }
    }

    /** poly-2: the second function's convolutions read the first one's weights; only its projection has its own. */
    @Test
    void sharedConvolutionsReuseTheOwnersInitializers() {
        ArchSpec spec = Presets.get("efficient-polyface", ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75)
                .withWidth(0.25).withBlockType("poly-2"));
        try (NDManager m = NDManager.newBaseManager()) {
            GraphProto g = OnnxExporter.toModel(OnnxTestSupport.randomized(spec, m, 4)).getGraph();
            assertThat(node(g, "stageA.0.f1.b0.c1.conv").getInput(1)).isEqualTo("stageA.0.f0.b0.c1.conv.weight");
            assertThat(node(g, "stageA.0.f1.proj.conv").getInput(1)).isEqualTo("stageA.0.f1.proj.conv.weight");
            assertThat(g.getInitializerList()).extracting(TensorProto::getName)
                    .contains("stageA.0.f1.proj.conv.weight", "stageA.0.f1.b0.c1.bn.gamma")
                    .doesNotContain("stageA.0.f1.b0.c1.conv.weight");
            long weights = g.getInitializerList().stream().filter(t -> t.getName().endsWith("conv.weight") || t.getName().endsWith("fc.weight")
                            || t.getName().endsWith("fc.bias") || t.getName().endsWith(".bias"))
                    .mapToLong(t -> OnnxTensors.numel(OnnxTensors.dims(t))).sum();
            assertThat(weights).isEqualTo(FlopsCounter.count(spec.forInference()).weights());
        }
    }

    /**
     * Every layer type in one small graph (ceil-mode max-pool, concat, residual with scale, stochastic depth,
     * projection shortcut and PReLU after the add, the three PolyNet kinds with sharing, dropout, bias-free linear,
     * non-affine BN on maps and vectors): ONNX Runtime equals DJL.
     */
    @Test
    void everyLayerTypeMatchesDjl() throws Exception {
        ArchSpec spec = allLayers();
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = OnnxTestSupport.randomized(spec, m, 6);
            GraphProto g = OnnxExporter.toModel(net).getGraph();
            assertThat(dims(g, "res.act.alpha")).containsExactly(16, 1, 1);
            assertThat(dims(g, "fc.weight")).containsExactly(10, 24);
            assertThat(g.getNodeList()).extracting(NodeProto::getName).doesNotContain("drop");
            assertThat(node(g, "pool").getAttributeList()).anyMatch(a -> a.getName().equals("ceil_mode") && a.getI() == 1);
            try (OrtSession s = OnnxTestSupport.session(OnnxExporter.toBytes(net))) {
                for (int batch : new int[] {1, 3}) {
                    float[] x = OnnxTestSupport.images(spec, batch, batch);
                    double err = Parity.relativeL2(OnnxTestSupport.ort(s, x, OnnxTestSupport.shape(spec, batch)),
                            OnnxTestSupport.djl(net, x, batch));
                    assertThat(err).as("batch " + batch).isLessThanOrEqualTo(1e-5);
                }
            }
        }
    }

    /**
     * The model's crop + resize: ONNX Runtime's Resize (linear, half_pixel) against bilinear interpolation in double
     * precision written here (OpenCV's INTER_LINEAR rule), downscaling 111 → 75 and upscaling 111 → 235. ONNX Runtime
     * computes the source coordinate (d + 0.5)/(out/in) − 0.5 in float32, a few ulps of ~111 (≤ 4·111·2⁻²⁴ px); times a
     * neighbour difference of at most 255 that bounds the error by 255·111·2⁻²² ≈ 6.7e-3 (observed ~2e-3).
     */
    @ParameterizedTest
    @ValueSource(ints = {75, 235})
    void resizeMatchesHalfPixelBilinearWithoutAntialiasing(int r) throws Exception {
        int n = 112;
        ArchSpec spec = new ArchSpec("input", TensorShape.chw(2, n, n), "BGR", 0, 1, Sequential.of("net",
                new Crop("crop", 1, 1, n - 1, n - 1), new Resize("resize", r, r)), "resize", null);
        SplittableRandom rnd = new SplittableRandom(r);
        float[] img = new float[2 * 2 * n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextInt(256);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).build().initialize(m);
            float[] got;
            try (OrtSession s = OnnxTestSupport.session(OnnxExporter.toBytes(net))) {
                got = OnnxTestSupport.ort(s, img, spec.input().withBatch(2));
            }
            double scale = (n - 1) / (double) r;
            double worst = 0;
            for (int plane = 0; plane < 4; plane++) {
                for (int y = 0; y < r; y++) {
                    for (int x = 0; x < r; x++) {
                        double want = bilinear(img, plane * n * n, n, n - 1, (x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5);
                        worst = Math.max(worst, Math.abs(got[plane * r * r + y * r + x] - want));
                    }
                }
            }
            System.out.printf("resize 111->%d: max |ORT - double reference| = %.3g (pixel values 0..255)%n", r, worst);
            assertThat(worst).isLessThan(255 * 111 * Math.pow(2, -22));
            assertThat(Parity.relativeL2(got, OnnxTestSupport.djl(net, img, 2))).isLessThan(1e-5);
        }
    }

    /** Bilinear sample of the s×s crop at offset (1, 1) of an n×n plane; source coordinates clamped to the crop. */
    private static double bilinear(float[] img, int offset, int n, int s, double sx, double sy) {
        sx = Math.max(0, sx);
        sy = Math.max(0, sy);
        int x0 = Math.min((int) Math.floor(sx), s - 1);
        int y0 = Math.min((int) Math.floor(sy), s - 1);
        int x1 = Math.min(x0 + 1, s - 1);
        int y1 = Math.min(y0 + 1, s - 1);
        double fx = x0 == s - 1 ? 0 : sx - x0;
        double fy = y0 == s - 1 ? 0 : sy - y0;
        double a = img[offset + (1 + y0) * n + 1 + x0];
        double b = img[offset + (1 + y0) * n + 1 + x1];
        double c = img[offset + (1 + y1) * n + 1 + x0];
        double d = img[offset + (1 + y1) * n + 1 + x1];
        return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
    }

    static ArchSpec allLayers() {
        Node convBias = new Conv2d("c0", 8, 3, 3, 1, 1, 1, 1, 1, true, null);
        Node f0 = Sequential.of("poly.f0", Conv2d.of("poly.f0.conv", 24, 3, 1, 1), BatchNorm.of("poly.f0.bn", 1e-5));
        Node f1 = Sequential.of("poly.f1", Conv2d.of("poly.f0.conv", 24, 3, 1, 1).sharing("poly.f1.conv", "poly.f0.conv"),
                BatchNorm.of("poly.f1.bn", 1e-5));
        Node root = Sequential.of("net",
                new PixelScale("scale", 1 / 128.0, -1),
                convBias,
                new BatchNorm("bn0", 1e-3, 0.1, false),
                new Relu("r0"),
                Concat.of("mix", new MaxPool("pool", 3, 2, 0, true), Conv2d.of("c1", 8, 3, 2, 1)),
                new Residual("res", Sequential.of("res.f", Conv2d.of("res.f.c1", 16, 3, 1, 1), BatchNorm.of("res.f.bn", 1e-5),
                        new PRelu("res.f.act"), Conv2d.of("res.f.c2", 16, 3, 1, 1)), null, 0.5, 0.8, new PRelu("res.act")),
                new Residual("down", Sequential.of("down.f", Conv2d.of("down.f.c", 24, 3, 2, 1), BatchNorm.of("down.f.bn", 1e-5)),
                        Sequential.of("down.s", Conv2d.of("down.s.c", 24, 1, 2, 0), BatchNorm.of("down.s.bn", 1e-5)), 1, 1,
                        new Relu("down.act")),
                new PolyResidual("way", PolyKind.WAY, List.of(Conv2d.of("way.f0", 24, 1, 1, 0), Conv2d.of("way.f1", 24, 3, 1, 1)), 0.3, 0.9),
                new PolyResidual("mpoly", PolyKind.MPOLY, List.of(Conv2d.of("mpoly.f0", 24, 1, 1, 0), Conv2d.of("mpoly.f1", 24, 1, 1, 0),
                        Conv2d.of("mpoly.f2", 24, 3, 1, 1)), 0.2, 1),
                new PolyResidual("poly", PolyKind.POLY, List.of(f0, f1), 0.25, 0.7),
                new GlobalAvgPool("gap"),
                new Dropout("drop", 0.5),
                new Flatten("flat"),
                new Linear("fc", 10, false),
                new BatchNorm("emb", 2e-5, 0.1, false));
        return new ArchSpec("all-layers", TensorShape.chw(3, 16, 16), "RGB", 0, 1, root, "emb", null);
    }

    private static NodeProto node(GraphProto g, String name) {
        return g.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static long[] dims(GraphProto g, String tensor) {
        return OnnxTensors.dims(g.getInitializerList().stream().filter(t -> t.getName().equals(tensor)).findFirst().orElseThrow());
    }

    private static float floatOf(GraphProto g, String tensor) {
        return OnnxTensors.toFloats(g.getInitializerList().stream().filter(t -> t.getName().equals(tensor)).findFirst().orElseThrow())[0];
    }
}
