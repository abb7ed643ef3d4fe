package io.polyface.core.embed;

import io.polyface.core.image.ChannelOrder;
import io.polyface.core.io.FileDigests;
import io.polyface.core.onnx.OnnxMetadataStamp;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The preprocessing rule of every model opened for embedding ({@link ModelPreprocessing} through {@link FaceEmbedder}):
 * metadata, else a model known by its SHA-256 (announced), else a statement; nothing assumed, contradictions refused.
 */
class ModelPreprocessingTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ModelPreprocessingTest.class.getResource("/fixtures/onnx/" + name).toURI());
    }

    @Test
    void aKnownModelIsRecognisedBySha256AndAnnounced() throws Exception {
        Path frFeature = SharedResources.resolve("models/fr_feature.onnx");
        // the table's digest is the one ../shared/README.md gives for fr_feature.onnx
        assertThat(FileDigests.sha256(frFeature)).isEqualTo("87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");
        List<String> notices = new ArrayList<>();
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(frFeature).optNotices(notices::add).build()) {
            assertThat(e.preprocessing()).isEqualTo(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f));
            assertThat(e.preprocessingSource()).isEqualTo(ModelPreprocessing.Source.KNOWN_MODEL);
        }
        assertThat(notices).singleElement().asString().contains("fr_feature.onnx").contains("SHA-256")
                .contains("RGB, (px - 127)/128, 112x112");
        // a statement that agrees is accepted (without a second source of truth), one that contradicts is refused
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(frFeature).optNotices(n -> { })
                .optPreprocessing(PreprocessingStatement.of(112, ChannelOrder.RGB, 127f, 128f)).build()) {
            assertThat(e.preprocessing().normalization().mean()).containsExactly(127f, 127f, 127f);
        }
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(frFeature).optNotices(n -> { })
                .optPreprocessing(PreprocessingStatement.of(null, null, 0f, 1f)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts").hasMessageContaining("fr_feature.onnx")
                .hasMessageContaining("mean 0 (the model: 127)").hasMessageContaining("std 1 (the model: 128)");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(frFeature).optNotices(n -> { })
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.BGR, 127f, 128f)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BGR (the model: RGB)");
    }

    @Test
    void anUnknownModelWithoutMetadataNeedsItStated() throws Exception {
        Path bare = fixture("linear_fixed_batch4.onnx"); // [4, 3, 4, 6] in, no metadata
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(bare).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linear_fixed_batch4.onnx").hasMessageContaining("no preprocessing metadata")
                .hasMessageContaining("missing: channel order, mean, std").hasMessageContaining("--set-preprocessing");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(bare)
                .optPreprocessing(PreprocessingStatement.of(null, ChannelOrder.BGR, 0f, null)).build())
                .hasMessageContaining("missing: std");
        // the input size may come from the model's fixed input
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(bare)
                .optPreprocessing(PreprocessingStatement.of(null, ChannelOrder.BGR, 0f, 1f)).build()) {
            assertThat(e.preprocessing()).isEqualTo(new Preprocessing(6, 4, io.polyface.core.image.Normalization.of(ChannelOrder.BGR, 0f, 1f)));
            assertThat(e.preprocessingSource()).isEqualTo(ModelPreprocessing.Source.STATED);
        }
    }

    @Test
    void metadataDecidesAndAContradictionIsRefused() throws Exception {
        Path withMetadata = fixture("linear_with_metadata.onnx"); // BGR, mean (10, 20, 30), std (2, 4, 8), 4x6
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(withMetadata)
                .optPreprocessing(PreprocessingStatement.of(null, ChannelOrder.BGR, null, null)).build()) {
            assertThat(e.preprocessingSource()).isEqualTo(ModelPreprocessing.Source.METADATA);
        }
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(withMetadata)
                .optPreprocessing(PreprocessingStatement.of(null, null, 127.5f, null)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts the metadata")
                .hasMessageContaining("mean 127.5 (the model: [10, 20, 30])");
    }

    @Test
    void stampedOnceTheModelCarriesItsPreprocessing() throws Exception {
        Path stamped = dir.resolve("stamped.onnx");
        Preprocessing p = new Preprocessing(6, 4, io.polyface.core.image.Normalization.of(ChannelOrder.RGB, 127.5f, 127.5f));
        OnnxMetadataStamp.withPreprocessing(fixture("linear_fixed_batch4.onnx"), p, stamped);
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(stamped).build()) {
            assertThat(e.preprocessing()).isEqualTo(p);
            assertThat(e.preprocessingSource()).isEqualTo(ModelPreprocessing.Source.METADATA);
        }
        // restamping the same is idempotent; another preprocessing, or one contradicting a known model, is refused
        OnnxMetadataStamp.withPreprocessing(stamped, p, stamped);
        assertThatThrownBy(() -> OnnxMetadataStamp.withPreprocessing(stamped,
                new Preprocessing(6, 4, io.polyface.core.image.Normalization.of(ChannelOrder.BGR, 0f, 1f)), dir.resolve("x.onnx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already records");
        assertThatThrownBy(() -> OnnxMetadataStamp.withPreprocessing(SharedResources.resolve("models/fr_feature.onnx"),
                Preprocessing.of(112, ChannelOrder.RGB, 127.5f, 127.5f), dir.resolve("y.onnx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fr_feature.onnx").hasMessageContaining("known");
        assertThat(dir.resolve("x.onnx")).doesNotExist();
    }
}
