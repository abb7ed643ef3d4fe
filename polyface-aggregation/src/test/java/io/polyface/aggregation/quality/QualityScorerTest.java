package io.polyface.aggregation.quality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.polyface.core.arch.preset.QualityNet;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code qan-quality} preset, initialised at random in DJL, exported by core's OnnxExporter and run by
 * QualityScorer, against a DJL forward pass of the same network on a tensor built here by hand.
 */
class QualityScorerTest {

    private static final int S = 112;

    @TempDir
    static Path dir;

    private static NDManager manager;
    private static SpecNetwork net;
    private static Path model;

    @BeforeAll
    static void exportRandomQualityNet() throws IOException {
        manager = NDManager.newBaseManager();
        net = SpecNetwork.builder().setSpec(QualityNet.spec()).optInference(true).build().initialize(manager);
        model = dir.resolve("quality.onnx");
        OnnxExporter.export(net, model);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static List<RgbImage> frames(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<RgbImage> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            float[] px = new float[S * S * 3];
            for (int i = 0; i < px.length; i++) {
                px[i] = rnd.nextInt(256);
            }
            out.add(RgbImage.of(S, S, px));
        }
        return out;
    }

    /** DJL forward on raw BGR pixels [N, 3, 112, 112], the input convention of qan-quality. */
    private static float[] djlScores(List<RgbImage> frames) {
        float[] x = new float[frames.size() * 3 * S * S];
        int o = 0;
        for (RgbImage f : frames) {
            for (int plane = 0; plane < 3; plane++) {
                for (int y = 0; y < S; y++) {
                    for (int c = 0; c < S; c++) {
                        x[o++] = f.get(c, y, 2 - plane);
                    }
                }
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(x, new Shape(frames.size(), 3, S, S));
            NDArray y = net.block().forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(frames.size(), 1));
            return y.toFloatArray();
        }
    }

    @Test
    void scoresAreTheNetworksRawOutputWithPreprocessingFromTheModelMetadata() throws IOException {
        List<RgbImage> frames = frames(5, 1);
        float[] expected = djlScores(frames);
        try (QualityScorer scorer = QualityScorer.builder().setModelPath(model).optBatchSize(2).build()) {
            assertThat(scorer.preprocessing()).isEqualTo(Preprocessing.of(S, ChannelOrder.BGR, 0f, 1f));
            float[] scores = scorer.score(frames);
            assertThat(scores).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(scores[i]).as("frame %d", i).isCloseTo(expected[i], within(1e-4f + 1e-4f * Math.abs(expected[i])));
                assertThat(scorer.score(frames.get(i))).isEqualTo(scores[i]);
            }
            assertThat(scorer.score(List.of())).isEmpty();
            assertThat(scorer.modelPath()).isEqualTo(model);
        }
    }

    @Test
    void flipAveragesTheScoresOfTheFrameAndItsMirror() throws IOException {
        List<RgbImage> frames = frames(3, 2);
        List<RgbImage> mirrored = frames.stream().map(RgbImage::flipHorizontal).toList();
        float[] a = djlScores(frames);
        float[] b = djlScores(mirrored);
        try (QualityScorer scorer = QualityScorer.builder().setModelPath(model).optFlip(true).build()) {
            float[] scores = scorer.score(frames);
            for (int i = 0; i < 3; i++) {
                double mean = (a[i] + b[i]) / 2.0;
                assertThat((double) scores[i]).isCloseTo(mean, within(1e-4 + 1e-4 * Math.abs(mean)));
            }
        }
    }

    @Test
    void anEmbeddingModelOrABadFrameIsRejectedClearly() throws IOException {
        Path embeddingModel = SharedResources.resolve("models/fr_feature.onnx");
        assertThatThrownBy(() -> QualityScorer.builder().setModelPath(embeddingModel)
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fr_feature.onnx").hasMessageContaining("[N, 512]").hasMessageContaining("[N, 1]");
        // without a statement the model is recognised by its SHA-256, and is still no quality model
        assertThatThrownBy(() -> QualityScorer.builder().setModelPath(embeddingModel).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, 1]");
        assertThatThrownBy(() -> QualityScorer.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelPath is required");
        assertThatThrownBy(() -> QualityScorer.builder().setModelPath(dir.resolve("none.onnx")).build())
                .isInstanceOf(NoSuchFileException.class);
        try (QualityScorer scorer = QualityScorer.builder().setModelPath(model).build()) {
            assertThatThrownBy(() -> scorer.score(RgbImage.of(92, 112, new float[92 * 112 * 3])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("92x112");
            scorer.close();
            assertThatThrownBy(() -> scorer.score(frames(1, 3))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }
}
