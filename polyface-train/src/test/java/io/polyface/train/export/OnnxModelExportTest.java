package io.polyface.train.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.ort.OrtSessions;
import io.polyface.train.TestData;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SequentialPlan;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OnnxModelExportTest {

    @Test
    void exportedModelEmbedsAsTheTrainedNetworkAndRecordsTheResizeRule(@TempDir Path out) throws IOException, OrtException {
        FaceDataset data = TestData.orlFirst(4);
        TrainingConfig config = TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(3).optBatchSize(8).optSeed(2)
                .optLossOptions(Map.of("scale", "16")).optWorkers(2).optBnRecalibrationBatches(2).build();
        Path model = out.resolve("model.onnx");
        FeatureMatrix expected;
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
            t.train();
            t.exportOnnx(model);
            expected = t.embedder().embed(data).features();
        }
        ModelInput input = ModelInput.of(config.spec());
        HostBatch batch;
        try (BatchLoader l = BatchLoader.builder().setDataset(data).setPreprocessor(input, AugmentationPipeline.NONE)
                .setPlan(new SequentialPlan(data.size(), 5)).build()) {
            batch = l.next();
        }
        OrtEnvironment env = OrtSessions.environment();
        try (OrtSession session = OrtSessions.open(model, 1);
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.pixels()), new long[] {5, 3, 32, 32});
             OrtSession.Result r = session.run(Map.of("input", x))) {
            float[][] onnx = (float[][]) r.get(0).getValue();
            for (int i = 0; i < 5; i++) {
                for (int k = 0; k < expected.cols(); k++) {
                    assertThat(onnx[i][k]).isCloseTo(expected.get(i, k), within(1e-3f * Math.max(1, Math.abs(expected.get(i, k)))));
                }
            }
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta).containsEntry(Preprocessing.KEY_INPUT_SIZE, "32").containsEntry(Preprocessing.KEY_CHANNEL_ORDER, "RGB");
            JsonNode resize = new ObjectMapper().readTree(meta.get(OnnxModelExport.RESIZE));
            assertThat(resize.get("rule").asText()).isEqualTo("bilinear-stretch");
            assertThat(resize.get("width").asInt()).isEqualTo(32);
            JsonNode training = new ObjectMapper().readTree(meta.get(OnnxModelExport.TRAINING));
            assertThat(training.get("step").asLong()).isEqualTo(3);
            assertThat(training.get("loss").asText()).isEqualTo("arcnegface");
            assertThat(training.get("checkpoint").asText()).endsWith("checkpoint-00000003");
        }
    }
}
