package io.polyface.train.finetune;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.devtree.SharedResources;
import io.polyface.train.checkpoint.ParameterNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fr_feature.onnx (mobilefacenet-y1, 512-d, 112 pixels) loaded into the same architecture at 64 pixels. */
class InputSizeTransferTest {

    private static ArchSpec y1(int input) {
        return Presets.get("mobilefacenet-y1", new ArchOverrides(input, null, null, null, 512, null, null, null));
    }

    @Test
    void everyWeightIsCopiedAndOnlyTheGlobalDepthwiseKernelIsResampled() throws Exception {
        Path onnx = SharedResources.resolve("models/fr_feature.onnx");
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork at112 = SpecNetwork.builder().setSpec(y1(112)).build().initialize(m);
            OnnxImporter.load(onnx, at112);
            SpecNetwork at64 = SpecNetwork.builder().setSpec(y1(64)).build().initialize(m);
            List<String> notes = InputSizeTransfer.load(onnx, y1(112), at64);
            assertThat(notes).singleElement().asString().contains("head.gdc").contains("(512, 1, 7, 7) -> (512, 1, 4, 4)");
            Map<String, Parameter> big = ParameterNames.of(at112);
            Map<String, Parameter> small = ParameterNames.of(at64);
            int resampled = 0;
            for (Map.Entry<String, Parameter> e : small.entrySet()) {
                float[] source = big.get(e.getKey()).getArray().toFloatArray();
                float[] got = e.getValue().getArray().toFloatArray();
                if (source.length == got.length) {
                    assertThat(got).as(e.getKey()).containsExactly(source);
                } else {
                    resampled++;
                    assertThat(got).as(e.getKey()).containsExactly(KernelResampling.resample(source, 7, 7, 4, 4));
                }
            }
            assertThat(resampled).isEqualTo(1);
        }
    }

    @Test
    void anotherArchitectureIsRejectedNamingTheLayer() throws Exception {
        Path onnx = SharedResources.resolve("models/fr_feature.onnx");
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork wrongEmbedding = SpecNetwork.builder().setSpec(Presets.get("mobilefacenet-y1",
                    new ArchOverrides(64, null, null, null, 128, null, null, null))).build().initialize(m);
            assertThatThrownBy(() -> InputSizeTransfer.load(onnx, y1(112), wrongEmbedding))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head.fc");
        }
    }
}
