package io.polyface.core.arch;

import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.arch.preset.BlockType;
import io.polyface.core.arch.preset.PolyFace;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.arch.preset.Widths;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec validation, shape inference errors, presets' settings and the JSON form. */
class ArchSpecTest {

    static List<String> presets() {
        return Presets.names();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void jsonRoundTripIsExact(String name) {
        ArchSpec spec = Presets.get(name);
        String json = ArchSpecJson.toJson(spec);
        ArchSpec back = ArchSpecJson.fromJson(json);
        assertThat(back).isEqualTo(spec);
        assertThat(ArchSpecJson.toJson(back)).isEqualTo(json);
    }

    @Test
    void specFileRoundTripAndAtomicWrite(@TempDir Path dir) throws Exception {
        ArchSpec spec = PolyFace.builder().optDepth(2, 3, 1).optResolution(107).optWidth(0.5).optBlockType(BlockType.POLY_2).build();
        Path file = dir.resolve("arch.json");
        ArchSpecJson.write(spec, file);
        assertThat(Architectures.resolve(file.toString(), ArchOverrides.NONE)).isEqualTo(spec);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void badJsonNamesTheProblem() {
        assertThatThrownBy(() -> ArchSpecJson.fromJson("{\"name\":\"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid architecture spec");
        String bad = ArchSpecJson.toJson(Presets.get("mobilefacenet-tiny")).replace("\"type\":\"conv2d\"", "\"type\":\"conv9d\"");
        assertThatThrownBy(() -> ArchSpecJson.fromJson(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv9d");
    }

    @ParameterizedTest
    @ValueSource(ints = {112, 74, 76 + 32 * 3 + 1, 236 + 1})
    void invalidResolutionsAreRejectedWithNearestValues(int r) {
        assertThatThrownBy(() -> PolyFace.builder().optResolution(r).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolution " + r)
                .hasMessageContaining("32k+11 or 32k+12")
                .hasMessageContaining("nearest valid");
        assertThatThrownBy(() -> PolyFace.builder().optResolution(112).build()).hasMessageContaining("108 or 139");
    }

    @ParameterizedTest
    @ValueSource(ints = {75, 76, 107, 108, 139, 140, 235, 236, 267, 268, 331, 332})
    void validResolutionsBuild(int r) {
        ArchSpec spec = PolyFace.builder().optDepth(1, 1, 1).optResolution(r).optWidth(0.25).build();
        assertThat(spec.outputShape().dims()).containsExactly(256);
    }

    /** Why 32k+11/12: at R = 77 the stem's max-pool (ceil mode) and stride-2 conv disagree, which the concat reports. */
    @Test
    void shapeInferenceNamesTheLayerAndShapes() {
        ArchSpec ok = PolyFace.builder().optDepth(1, 1, 1).optResolution(75).optWidth(0.25).build();
        Node root = ok.root();
        Node resized = replaceResize((Sequential) root, 77);
        assertThatThrownBy(() -> ShapeInference.infer(ok.input(), resized))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("concat 'stem\\.mix\\d': branch .* outputs \\[\\d+, \\d+, \\d+\\] but the first branch outputs .*");

        Node tooSmall = Sequential.of("net", Conv2d.of("c", 8, 7, 1, 0));
        assertThatThrownBy(() -> ShapeInference.infer(TensorShape.chw(3, 5, 5), tooSmall))
                .hasMessage("conv2d 'c': kernel 7x7 with padding 0x0 does not fit input [3, 5, 5]");

        Node badResidual = Residual.plain("r", Conv2d.of("c", 16, 3, 1, 1), null, null);
        assertThatThrownBy(() -> ShapeInference.infer(TensorShape.chw(8, 7, 7), badResidual))
                .hasMessage("residual 'r': body outputs [16, 7, 7] but the identity shortcut carries [8, 7, 7]");

        Node linearOnMap = Sequential.of("n", new Linear("fc", 10, true));
        assertThatThrownBy(() -> ShapeInference.infer(TensorShape.chw(8, 7, 7), linearOnMap))
                .hasMessageContaining("linear 'fc': expects a flat [F] input, got [8, 7, 7]");
    }

    @Test
    void duplicateNamesAndUnknownEmbeddingLayerAreRejected() {
        Node root = Sequential.of("n", Conv2d.of("c", 8, 3, 1, 1), new Relu("c"));
        assertThatThrownBy(() -> new ArchSpec("x", TensorShape.chw(3, 8, 8), "RGB", 0, 1, root, "c", null))
                .hasMessageContaining("node name 'c' is used twice");
        Node root2 = Sequential.of("n", Conv2d.of("c", 8, 3, 1, 1));
        assertThatThrownBy(() -> new ArchSpec("x", TensorShape.chw(3, 8, 8), "RGB", 0, 1, root2, "fc", null))
                .hasMessageContaining("embeddingLayer 'fc' is not a node");
    }

    @Test
    void presetOverridesAndUnknownNames() {
        assertThatThrownBy(() -> Presets.get("resnet1000")).hasMessageContaining("unknown architecture 'resnet1000'")
                .hasMessageContaining("mobilefacenet-tiny");
        assertThatThrownBy(() -> Presets.get("iresnet18", ArchOverrides.NONE.withResolution(235)))
                .hasMessageContaining("does not take a resolution");
        assertThatThrownBy(() -> Presets.get("polyface", ArchOverrides.NONE.withDepth(List.of(1, 2))))
                .hasMessageContaining("takes 3 depth values");
        ArchSpec e = Presets.get("mobilefacenet-y1", ArchOverrides.NONE.withEmbedding(64));
        assertThat(e.embeddingSize()).isEqualTo(64);
        assertThat(Presets.get("efficient-polyface").embeddingSize()).isEqualTo(256);
        assertThat(Presets.get("iresnet50").embeddingSize()).isEqualTo(512);
        assertThat(Presets.get("qan-quality").outputShape().dims()).containsExactly(1);
    }

    /** The width rule c' = max(8, floor(c*w/8 + 1/2)*8) and its effect on FLOPs. */
    @Test
    void widthMultiplierRoundsToMultiplesOfEight() {
        assertThat(Widths.scale(64, 0.5)).isEqualTo(32);
        assertThat(Widths.scale(96, 0.25)).isEqualTo(24);
        assertThat(Widths.scale(48, 0.25)).isEqualTo(16); // 1.5 rounds up
        assertThat(Widths.scale(32, 0.1)).isEqualTo(8);
        assertThat(Widths.scale(160, 0.3)).isEqualTo(48);
        long full = FlopsCounter.count(PolyFace.builder().optDepth(1, 1, 1).optResolution(75).build()).flops(Convention.LFR);
        long quarter = FlopsCounter.count(PolyFace.builder().optDepth(1, 1, 1).optResolution(75).optWidth(0.25).build())
                .flops(Convention.LFR);
        assertThat(quarter).isLessThan(full / 10);
    }

    @Test
    void higherOrderBlocksShareWeightsOnlyInPoly() {
        long first = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).build()).params();
        long poly = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).optBlockType(BlockType.POLY_2).build()).params();
        long mpoly = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).optBlockType(BlockType.MPOLY_2).build()).params();
        long way = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).optBlockType(BlockType.WAY_2).build()).params();
        assertThat(mpoly).isEqualTo(way).isGreaterThan(poly);
        assertThat(poly).isGreaterThan(first);
        long firstFlops = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).build()).flops(Convention.LFR);
        long polyFlops = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).optBlockType(BlockType.POLY_2).build())
                .flops(Convention.LFR);
        long mpolyFlops = FlopsCounter.count(PolyFace.builder().optDepth(2, 2, 2).optResolution(75).optBlockType(BlockType.MPOLY_2).build())
                .flops(Convention.LFR);
        assertThat(polyFlops).isEqualTo(mpolyFlops).isGreaterThan(firstFlops);
    }

    private static Node replaceResize(Sequential root, int r) {
        List<Node> stages = new java.util.ArrayList<>(root.nodes());
        Sequential input = (Sequential) stages.get(0);
        stages.set(0, Sequential.of("input", input.nodes().get(0), new Resize("input.resize", r, r), input.nodes().get(2)));
        return new Sequential(root.name(), stages);
    }
}
