package io.polyface.core.embed;

import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.TestImages;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * FaceEmbedder on tiny linear ONNX fixtures (src/test/resources/onnx, made by make_test_models.py: y = flatten(x)·W,
 * x [N, 3, 4, 6]) whose output the test recomputes in double, and on ../shared/models/fr_feature.onnx.
 */
class FaceEmbedderTest {

    private static final int H = 4;
    private static final int W = 6;
    private static final int D = 5;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(FaceEmbedderTest.class.getResource("/fixtures/onnx/" + name).toURI());
    }

    private static double weight(int i, int j) {
        return ((7 * i + 3 * j) % 11 - 5) / 10.0;
    }

    /** Expected raw output: BGR planes, mean (10, 20, 30), std (2, 4, 8) per plane, as the fixture's metadata says. */
    private static double[] expectedRaw(RgbImage face) {
        double[] mean = {10, 20, 30};
        double[] std = {2, 4, 8};
        double[] y = new double[D];
        for (int p = 0; p < 3; p++) {
            int colour = 2 - p; // BGR
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    double x = (face.get(c, r, colour) - mean[p]) / std[p];
                    int i = (p * H + r) * W + c;
                    for (int j = 0; j < D; j++) {
                        y[j] += x * weight(i, j);
                    }
                }
            }
        }
        return y;
    }

    private static List<RgbImage> faces(int n) {
        List<RgbImage> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            float[] px = TestImages.pattern(W, H).toArray();
            for (int i = 0; i < px.length; i++) {
                px[i] = (px[i] + 17 * k * (i % 5)) % 256;
            }
            out.add(RgbImage.of(W, H, px));
        }
        return out;
    }

    @Test
    void preprocessingFromMetadataAndOutputMatchAnIndependentComputation() throws Exception {
        assertThat(FaceEmbedder.preprocessingFromModel(fixture("linear_with_metadata.onnx"))).contains(
                new Preprocessing(W, H, new io.polyface.core.image.Normalization(ChannelOrder.BGR,
                        new float[] {10, 20, 30}, new float[] {2, 4, 8})));
        try (FaceEmbedder raw = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx"))
                .optL2Normalize(false).optBatchSize(3).build();
             FaceEmbedder unit = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).build()) {
            assertThat(raw.embeddingSize()).isEqualTo(D);
            List<RgbImage> faces = faces(7); // batches of 3, 3, 1
            float[][] outRaw = raw.embed(faces);
            float[][] outUnit = unit.embed(faces);
            for (int n = 0; n < faces.size(); n++) {
                double[] expected = expectedRaw(faces.get(n));
                double norm = 0;
                for (double v : expected) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                for (int j = 0; j < D; j++) {
                    assertThat((double) outRaw[n][j]).as("face %d dim %d", n, j).isCloseTo(expected[j], within(1e-3 * (1 + Math.abs(expected[j]))));
                    assertThat((double) outUnit[n][j]).isCloseTo(expected[j] / norm, within(1e-5));
                }
            }
        }
    }

    @Test
    void flipAugmentationIsTheMeanOfTheFaceAndItsMirror() throws Exception {
        try (FaceEmbedder plain = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).optL2Normalize(false).build();
             FaceEmbedder flip = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).optL2Normalize(false)
                     .optFlip(true).build()) {
            RgbImage face = faces(2).get(1);
            float[] a = plain.embed(face);
            float[] b = plain.embed(face.flipHorizontal());
            float[] fused = flip.embed(face);
            for (int j = 0; j < D; j++) {
                assertThat(fused[j]).isCloseTo((a[j] + b[j]) / 2, within(1e-4f));
            }
            assertThat(flip.flipTestTimeAugmentation()).isTrue();
        }
    }

    @Test
    void fixedBatchModelsArePaddedAndBatchingDoesNotChangeResults() throws Exception {
        Preprocessing p = new Preprocessing(W, H, new io.polyface.core.image.Normalization(ChannelOrder.BGR,
                new float[] {10, 20, 30}, new float[] {2, 4, 8}));
        try (FaceEmbedder fixed = FaceEmbedder.builder().setModelPath(fixture("linear_fixed_batch4.onnx")).optPreprocessing(p).build();
             FaceEmbedder dynamic = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).optBatchSize(1).build()) {
            List<RgbImage> faces = faces(6); // 4 + 2 padded to 4
            float[][] a = fixed.embed(faces);
            float[][] b = dynamic.embed(faces);
            assertThat(a).hasNumberOfRows(6);
            for (int n = 0; n < 6; n++) {
                assertThat(a[n]).containsExactly(b[n], within(1e-6f));
            }
        }
    }

    @Test
    void returnsFreshArraysAndIsSafeForConcurrentCallers() throws Exception {
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).build()) {
            List<RgbImage> faces = faces(16);
            float[][] sequential = embedder.embed(faces);
            float[][] again = embedder.embed(faces);
            assertThat(again[0]).isNotSameAs(sequential[0]).containsExactly(sequential[0]);
            again[0][0] = 42;
            assertThat(embedder.embed(faces.get(0))[0]).isEqualTo(sequential[0][0]);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[]>> futures = new ArrayList<>();
                for (int rep = 0; rep < 20; rep++) {
                    for (RgbImage f : faces) {
                        futures.add(pool.submit(() -> embedder.embed(f)));
                    }
                }
                for (int k = 0; k < futures.size(); k++) {
                    assertThat(futures.get(k).get()).containsExactly(sequential[k % faces.size()]);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void frFeatureGivesUnitLength512dEmbeddingsIndependentOfTheBatch() throws IOException {
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(SharedResources.resolve("models/fr_feature.onnx"))
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)).build()) {
            assertThat(embedder.embeddingSize()).isEqualTo(512);
            RgbImage a = ImageDecoder.read(SharedResources.resolve("data/orl/s1/1.pgm")).resize(112, 112);
            RgbImage b = ImageDecoder.read(SharedResources.resolve("data/orl/s2/1.pgm")).resize(112, 112);
            float[][] batch = embedder.embed(List.of(a, b));
            float[] single = embedder.embed(b);
            double norm = 0;
            for (float v : batch[1]) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
            assertThat(single).containsExactly(batch[1], within(1e-5f));
        }
    }

    @Test
    void wrongInputsAndIncompatibleModelsGiveClearErrors() throws Exception {
        Path frFeature = SharedResources.resolve("models/fr_feature.onnx");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(fixture("linear_fixed_batch4.onnx")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linear_fixed_batch4.onnx")
                .hasMessageContaining("must be stated");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(frFeature)
                .optPreprocessing(Preprocessing.of(96, ChannelOrder.RGB, 127f, 128f)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("96x96");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(SharedResources.resolve("models/yunet.onnx"))
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.BGR, 0f, 1f)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yunet.onnx").hasMessageContaining("optOutputName");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(SharedResources.resolve("models/yunet.onnx"))
                .optPreprocessing(Preprocessing.of(64, ChannelOrder.BGR, 0f, 1f)).optOutputName("kps_8").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kps_8").hasMessageContaining("[N, D]");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(fixture("linear_partial_metadata.onnx")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks [polyface.channel_order");
        assertThatThrownBy(() -> FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).optBatchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize 0");

        FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(fixture("linear_with_metadata.onnx")).build();
        List<RgbImage> mixed = List.of(faces(1).get(0), TestImages.pattern(7, 4));
        assertThatThrownBy(() -> embedder.embed(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alignedFaces[1] is 7x4").hasMessageContaining("takes 6x4");
        embedder.close();
        embedder.close(); // idempotent
        assertThatThrownBy(() -> embedder.embed(faces(1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void metadataParsingAndRoundTrip() {
        Preprocessing p = new Preprocessing(96, 112, new io.polyface.core.image.Normalization(ChannelOrder.RGB,
                new float[] {127.5f, 120f, 110f}, new float[] {128f, 128f, 64f}));
        assertThat(p.toMetadata()).containsEntry(Preprocessing.KEY_INPUT_SIZE, "112,96");
        assertThat(Preprocessing.fromMetadata(p.toMetadata(), "m")).contains(p);
        assertThat(Preprocessing.fromMetadata(java.util.Map.of(
                Preprocessing.KEY_INPUT_SIZE, "112", Preprocessing.KEY_CHANNEL_ORDER, "bgr",
                Preprocessing.KEY_MEAN, "[127.5]", Preprocessing.KEY_STD, " 128 "), "m"))
                .contains(Preprocessing.of(112, ChannelOrder.BGR, 127.5f, 128f));
        assertThat(Preprocessing.fromMetadata(java.util.Map.of("other", "x"), "m")).isEmpty();
        assertThatThrownBy(() -> Preprocessing.fromMetadata(java.util.Map.of(
                Preprocessing.KEY_INPUT_SIZE, "112", Preprocessing.KEY_CHANNEL_ORDER, "RGB",
                Preprocessing.KEY_MEAN, "1,2", Preprocessing.KEY_STD, "1"), "model.onnx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.onnx").hasMessageContaining("polyface.mean");
        assertThatThrownBy(() -> Preprocessing.fromMetadata(java.util.Map.of(
                Preprocessing.KEY_INPUT_SIZE, "11.5", Preprocessing.KEY_CHANNEL_ORDER, "RGB",
                Preprocessing.KEY_MEAN, "1", Preprocessing.KEY_STD, "1"), "model.onnx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("polyface.input_size");
    }
}
