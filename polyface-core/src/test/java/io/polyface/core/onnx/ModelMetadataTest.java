package io.polyface.core.onnx;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.image.ChannelOrder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ModelMetadata}: one typed record of a model's preprocessing, architecture, FLOPs and embedding size. */
class ModelMetadataTest {

    @Test
    void aSpecsMetadataRoundTripsThroughTheOnnxKeys() {
        ArchSpec spec = Presets.get("efficient-polyface").forInference();
        ModelMetadata m = ModelMetadata.of(spec);
        assertThat(m.preprocessing()).isEqualTo(Preprocessing.of(spec));
        assertThat(m.preprocessing().normalization().channelOrder()).isEqualTo(ChannelOrder.BGR);
        assertThat(m.embeddingSize()).isEqualTo(spec.embeddingSize());
        assertThat(m.flops()).isEqualTo(FlopsCounter.count(spec).flops(Convention.LFR));
        assertThat(m.flopsConvention()).isEqualTo(Convention.LFR);
        Map<String, String> map = m.toMap();
        assertThat(map.keySet()).containsExactly(Preprocessing.KEY_INPUT_SIZE, Preprocessing.KEY_CHANNEL_ORDER, Preprocessing.KEY_MEAN,
                Preprocessing.KEY_STD, ModelMetadata.EMBEDDING_SIZE, ModelMetadata.ARCH, ModelMetadata.FLOPS, ModelMetadata.FLOPS_CONVENTION);
        ModelMetadata back = ModelMetadata.fromMap(map, "m.onnx");
        assertThat(back.toMap()).isEqualTo(map);
        assertThat(back.preprocessing()).isEqualTo(m.preprocessing());
        assertThat(ArchSpecJson.toJson(back.architecture())).isEqualTo(ArchSpecJson.toJson(spec));
    }

    /** The keys and value forms PolyFace's exports wrote before this record (OnnxMetadata): "HxW", one mean. */
    @Test
    void theFormerExportFormStillReads() {
        ArchSpec spec = Presets.get("iresnet18").forInference();
        Map<String, String> old = new LinkedHashMap<>();
        old.put("polyface.input_size", "112x96");
        old.put("polyface.channel_order", "RGB");
        old.put("polyface.mean", "127.5");
        old.put("polyface.std", "127.5");
        old.put("polyface.embedding_size", "512");
        old.put("polyface.arch", ArchSpecJson.toJson(spec));
        old.put("polyface.flops", "123");
        old.put("polyface.flops_convention", "lfr");
        old.put("polyface.training", "{\"step\": 3}");
        ModelMetadata m = ModelMetadata.fromMap(old, "old.onnx");
        assertThat(m.preprocessing()).isEqualTo(new Preprocessing(96, 112, Preprocessing.of(1, ChannelOrder.RGB, 127.5f, 127.5f).normalization()));
        assertThat(m.embeddingSize()).isEqualTo(512);
        assertThat(m.flops()).isEqualTo(123);
        assertThat(m.flopsConvention()).isEqualTo(Convention.LFR);
        assertThat(m.toMap().get(Preprocessing.KEY_INPUT_SIZE)).isEqualTo("112,96");
        assertThat(m.toMap().get(Preprocessing.KEY_MEAN)).isEqualTo("127.5");
    }

    @Test
    void aMissingOrBadKeyIsNamed() {
        Map<String, String> m = new LinkedHashMap<>(ModelMetadata.of(Presets.get("iresnet18").forInference()).toMap());
        m.put(ModelMetadata.FLOPS, "many");
        assertThatThrownBy(() -> ModelMetadata.fromMap(m, "x.onnx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x.onnx: ONNX metadata polyface.flops must be an integer, got \"many\"");
        m.remove(ModelMetadata.FLOPS);
        assertThatThrownBy(() -> ModelMetadata.fromMap(m, "x.onnx")).hasMessageContaining("no 'polyface.flops' entry");
        assertThatThrownBy(() -> ModelMetadata.fromMap(Map.of(), "y.onnx")).hasMessageContaining("y.onnx: ONNX metadata has no preprocessing");
    }
}
