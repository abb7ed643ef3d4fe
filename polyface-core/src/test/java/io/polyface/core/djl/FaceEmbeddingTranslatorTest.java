package io.polyface.core.djl;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.eval.Parity;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.core.onnx.OnnxTestSupport;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DJL route ({@link FaceEmbeddingTranslator}, {@link FaceEmbeddingModels}) gives the embeddings of core's own
 * ONNX Runtime path ({@link FaceEmbedder}) on the same resized crops, on both DJL engines.
 */
class FaceEmbeddingTranslatorTest {

    /** ../shared/README.md: fr_feature.onnx takes 112×112 RGB, (px − 127)/128. */
    private static final Preprocessing FR_FEATURE = Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f);
    private static final String[] ORL = {"s1/1.pgm", "s1/2.pgm", "s2/1.pgm", "s7/4.pgm", "s40/10.pgm"};

    private static List<RgbImage> orl() throws Exception {
        List<RgbImage> out = new ArrayList<>();
        for (String f : ORL) {
            out.add(ImageDecoder.read(SharedResources.resolve("data/orl/" + f)));
        }
        return out;
    }

    private static List<Image> djlImages(List<RgbImage> images) {
        List<Image> out = new ArrayList<>();
        for (RgbImage im : images) {
            out.add(ImageFactory.getInstance().fromImage(im.toBufferedImage()));
        }
        return out;
    }

    private static List<RgbImage> resized(List<RgbImage> images, int w, int h) {
        return images.stream().map(im -> im.resize(w, h)).toList();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static float[][] predictOneByOne(Predictor<Image, float[]> p, List<Image> images) throws Exception {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.predict(images.get(i));
        }
        return out;
    }

    private static void assertClose(float[][] actual, float[][] expected, double tolerance, String what) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Parity.relativeL2(actual[i], expected[i])).as(what + " image " + i).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void frFeatureThroughDjlOnnxRuntimeEqualsFaceEmbedder() throws Exception {
        Path model = SharedResources.resolve("models/fr_feature.onnx");
        List<RgbImage> faces = orl();
        float[][] expected;
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(model).optPreprocessing(FR_FEATURE).build()) {
            expected = embedder.embed(resized(faces, 112, 112));
        }
        List<Image> images = djlImages(faces);
        try (ZooModel<Image, float[]> zoo = FaceEmbeddingModels.onnx(model, FR_FEATURE);
             Predictor<Image, float[]> predictor = zoo.newPredictor()) {
            assertThat(zoo.getNDManager().getEngine().getEngineName()).isEqualTo(FaceEmbeddingModels.ENGINE_ONNX);
            float[][] single = predictOneByOne(predictor, images);
            assertThat(single[0]).hasSize(512);
            assertClose(single, expected, 1e-5, "DJL single vs FaceEmbedder");
            // fr_feature.onnx fixes its batch at 1: a batch of one works, more fails with the reason
            assertClose(predictor.batchPredict(images.subList(0, 1)).toArray(new float[0][]), new float[][] {single[0]}, 1e-6,
                    "DJL batch of one vs single");
            assertThatThrownBy(() -> predictor.batchPredict(images))
                    .hasStackTraceContaining("fixed batch size of 1 but 5 images were given at once");
            for (float[] e : single) {
                assertThat(Math.sqrt(dot(e, e))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
            // real faces: the same person is closer than another person
            assertThat(dot(single[0], single[1])).isGreaterThan(dot(single[0], single[2]) + 0.1);
        }
        // raw outputs are not unit length (the option is honoured)
        try (ZooModel<Image, float[]> raw = FaceEmbeddingModels.criteria(model, FR_FEATURE, false).loadModel();
             Predictor<Image, float[]> predictor = raw.newPredictor()) {
            float[] e = predictor.predict(images.get(0));
            assertThat(Math.abs(Math.sqrt(dot(e, e)) - 1)).isGreaterThan(1e-2);
            float[] unit = e.clone();
            double n = Math.sqrt(dot(e, e));
            for (int i = 0; i < unit.length; i++) {
                unit[i] = (float) (unit[i] / n);
            }
            assertThat(Parity.relativeL2(unit, expected[0])).isLessThanOrEqualTo(1e-5);
        }
    }


    @Test
    void exportedTinyModelAgreesOnOnnxRuntimeAndPyTorchEngines(@TempDir Path dir) throws Exception {
        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        Path onnx = dir.resolve("tiny.onnx");
        List<RgbImage> faces = orl();
        List<Image> images = djlImages(faces);
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork trained = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            OnnxTestSupport.randomize(trained, 11);
            OnnxExporter.export(trained, onnx);
            // a second network with the same weights, read back from the file (as a user of the .onnx would)
            SpecNetwork imported = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            OnnxImporter.load(onnx, imported);

            float[][] embedder;
            try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(onnx).build()) {
                embedder = e.embed(resized(faces, spec.input().width(), spec.input().height()));
            }
            float[][] ort;
            float[][] ortBatch;
            try (ZooModel<Image, float[]> zoo = FaceEmbeddingModels.onnx(onnx);
                 Predictor<Image, float[]> p = zoo.newPredictor()) {
                ort = predictOneByOne(p, images);
                ortBatch = p.batchPredict(images).toArray(new float[0][]);
            }
            float[][] torch;
            float[][] torchBatch;
            float[][] torchImported;
            try (ZooModel<Image, float[]> zoo = FaceEmbeddingModels.fromSpecNetwork(trained);
                 Predictor<Image, float[]> p = zoo.newPredictor()) {
                assertThat(zoo.getNDManager().getEngine().getEngineName()).isEqualTo(FaceEmbeddingModels.ENGINE_PYTORCH);
                torch = predictOneByOne(p, images);
                torchBatch = p.batchPredict(images).toArray(new float[0][]);
            }
            try (ZooModel<Image, float[]> zoo = FaceEmbeddingModels.fromSpecNetwork(imported);
                 Predictor<Image, float[]> p = zoo.newPredictor()) {
                torchImported = p.batchPredict(images).toArray(new float[0][]);
            }
            assertThat(ort[0]).hasSize(spec.embeddingSize());
            assertClose(ort, embedder, 1e-5, "DJL OnnxRuntime vs FaceEmbedder");
            assertClose(ortBatch, ort, 1e-5, "DJL OnnxRuntime batch vs single");
            assertClose(torch, ort, 1e-5, "DJL PyTorch (SpecNetwork) vs DJL OnnxRuntime");
            assertClose(torchBatch, torch, 1e-5, "DJL PyTorch batch vs single");
            assertClose(torchImported, torch, 1e-5, "imported SpecNetwork vs the exported one");
            // the parameters survive closing the wrapping models
            assertThat(trained.block().getParameters().get(0).getValue().getArray().toFloatArray()).isNotEmpty();
            // distinct faces give distinct embeddings (a constant output would pass the comparisons above)
            assertThat(Parity.relativeL2(torch[0], torch[2])).isGreaterThan(1e-3);
        }
    }

    @Test
    void wrongModelsAndSettingsFailClearly(@TempDir Path dir) throws Exception {
        Path yunet = SharedResources.resolve("models/yunet.onnx");
        assertThatThrownBy(() -> FaceEmbeddingModels.onnx(yunet, FR_FEATURE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yunet.onnx");
        Path frFeature = SharedResources.resolve("models/fr_feature.onnx");
        // the DJL criteria follow the same preprocessing rule: a model without metadata and unknown must have it stated
        Path bare = Path.of(FaceEmbeddingTranslatorTest.class.getResource("/fixtures/onnx/linear_fixed_batch4.onnx").toURI());
        assertThatThrownBy(() -> FaceEmbeddingModels.criteria(bare))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no preprocessing metadata")
                .hasMessageContaining("linear_fixed_batch4.onnx");
        assertThatThrownBy(() -> FaceEmbeddingModels.criteria(frFeature, Preprocessing.of(112, ChannelOrder.RGB, 0f, 1f), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts");
        assertThatThrownBy(() -> FaceEmbeddingModels.criteria(frFeature, Preprocessing.of(96, ChannelOrder.RGB, 127f, 128f), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("96x96");
        assertThatThrownBy(() -> FaceEmbeddingModels.onnx(dir.resolve("missing.onnx")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.onnx");
        assertThatThrownBy(() -> FaceEmbeddingTranslator.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preprocessing is required");

        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        assertThatThrownBy(() -> FaceEmbeddingModels.fromSpecNetwork(SpecNetwork.builder().setSpec(spec).optInference(true).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not initialised");
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
            FaceEmbeddingTranslator wrongSize = FaceEmbeddingTranslator.builder().setPreprocessing(FR_FEATURE.inputWidth() == spec.input().width()
                    ? Preprocessing.of(spec.input().width() + 8, ChannelOrder.RGB, 127.5f, 128f) : FR_FEATURE).build();
            assertThatThrownBy(() -> FaceEmbeddingModels.fromSpecNetwork(net, wrongSize))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs but the translator gives");
            // an output that is not [N, D]: the translator names the shape
            FaceEmbeddingTranslator expects7 = FaceEmbeddingTranslator.builder().setPreprocessing(FaceEmbeddingModels.preprocessingOf(spec))
                    .optEmbeddingSize(7).build();
            try (ZooModel<Image, float[]> zoo = FaceEmbeddingModels.fromSpecNetwork(net, expects7);
                 Predictor<Image, float[]> p = zoo.newPredictor()) {
                assertThatThrownBy(() -> p.predict(djlImages(orl()).get(0)))
                        .hasStackTraceContaining("expected (7)");
            }
        }
    }
}
