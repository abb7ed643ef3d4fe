package io.polyface.train.finetune;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.train.TestData;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.checkpoint.ParameterNames;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnchorCentresTest {

    @Test
    void centresAreTheDirectionsOfTheMeanNormalisedEmbeddings() {
        FeatureMatrix e = FeatureMatrix.of(new float[][] {{3, 4}, {0, 2}, {-1, 0}, {-5, 0}, {1, 1}});
        float[] w = AnchorCentres.classMeans(e, new int[] {0, 0, 1, 1, 0}, 2);
        // class 0: (0.6, 0.8) + (0, 1) + (0.7071, 0.7071) = (1.3071, 2.5071), normalised
        double x = 0.6 + Math.sqrt(0.5);
        double y = 1.8 + Math.sqrt(0.5);
        double n = Math.hypot(x, y);
        assertThat((double) w[0]).isCloseTo(x / n, within(1e-6));
        assertThat((double) w[1]).isCloseTo(y / n, within(1e-6));
        assertThat(w[2]).isEqualTo(-1f);
        assertThat(w[3]).isEqualTo(0f);
        assertThatThrownBy(() -> AnchorCentres.classMeans(e, new int[] {0, 0, 0, 0, 0}, 2)).hasMessageContaining("class 1 has no image");
        assertThatThrownBy(() -> AnchorCentres.classMeans(e, new int[] {0, 0, 2, 1, 0}, 2)).hasMessageContaining("label 2 of row 2");
    }

    @Test
    void fineTuningStartsFromTheBackboneWithClassMeanCentres(@TempDir Path out) throws IOException {
        IdentitySplit split = IdentitySplit.holdOutLast(TestData.orlFirst(10), 4);
        TrainingConfig pre = TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(3).optBatchSize(8).optSeed(1)
                .optLossOptions(Map.of("scale", "16")).optWorkers(2).optBnRecalibrationBatches(2).build();
        try (Trainer t = Trainer.builder().setConfig(pre).setTrainingSet(split.train()).optOutputDir(out).build()) {
            t.train();
        }
        Checkpoint pretrained = CheckpointStore.read(CheckpointStore.latest(out).orElseThrow());
        FaceDataset newIdentities = split.heldOut(); // 4 identities never trained on
        TrainingConfig fine = pre.toBuilder().optBackboneLearningRateMultiplier(0.1).optLearningRate(0.01).build();
        try (Trainer t = Trainer.builder().setConfig(fine).setTrainingSet(newIdentities).optInitialModel(pretrained.directory())
                .optAnchorCentres(true).build()) {
            Map<String, NamedTensor> now = t.parameterValues();
            pretrained.model().forEach((name, tensor) -> assertThat(now.get(name)).as(name).isEqualTo(tensor));
            FeatureMatrix e = t.embedder().embed(newIdentities).features();
            int d = e.cols();
            float[] centres = now.get(ParameterNames.CENTRES).values();
            for (int c = 0; c < 4; c++) {
                double[] sum = new double[d];
                for (int i = 0; i < e.rows(); i++) {
                    if (newIdentities.label(i) != c) {
                        continue;
                    }
                    double norm = 0;
                    for (int k = 0; k < d; k++) {
                        norm += (double) e.get(i, k) * e.get(i, k);
                    }
                    for (int k = 0; k < d; k++) {
                        sum[k] += e.get(i, k) / Math.sqrt(norm);
                    }
                }
                double norm = 0;
                for (double v : sum) {
                    norm += v * v;
                }
                for (int k = 0; k < d; k++) {
                    assertThat((double) centres[c * d + k]).isCloseTo(sum[k] / Math.sqrt(norm), within(1e-5));
                }
            }
            t.trainableParameters().forEach(p -> assertThat(p.group().learningRateMultiplier())
                    .isEqualTo(p.name().equals(ParameterNames.CENTRES) ? 1.0 : 0.1));
            assertThat(t.step().loss()).isFinite();
        }
    }

    @Test
    void anImportedOnnxBackboneIsAStartingPointToo(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(4);
        TrainingConfig config = TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(2).optBatchSize(8).optSeed(4)
                .optLossOptions(Map.of("scale", "16")).optWorkers(2).optBnRecalibrationBatches(1).build();
        Path onnx = out.resolve("trained.onnx");
        Map<String, NamedTensor> trained;
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).build()) {
            t.train();
            t.exportOnnx(onnx);
            trained = t.parameterValues();
        }
        try (Trainer t = Trainer.builder().setConfig(config.toBuilder().optSeed(99).build()).setTrainingSet(data).optInitialModel(onnx)
                .build()) {
            Map<String, NamedTensor> now = t.parameterValues();
            trained.forEach((name, tensor) -> {
                if (!name.equals(ParameterNames.CENTRES)) {
                    assertThat(now.get(name)).as(name).isEqualTo(tensor);
                }
            });
            assertThat(now.get(ParameterNames.CENTRES)).isNotEqualTo(trained.get(ParameterNames.CENTRES)); // a new head
        }
    }
}
