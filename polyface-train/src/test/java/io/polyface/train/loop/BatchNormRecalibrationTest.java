package io.polyface.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.train.TestData;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.engine.ScopedParameterStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BatchNormRecalibrationTest {

    @Test
    void recalibratedStatisticsStayInTheTensorsTheNetworkAlreadyHolds() throws IOException {
        // issue 15: written with DJL's set(Buffer), the statistics moved into a Java direct buffer that the garbage
        // collector frees; a view taken before (a parameter store's reshape) kept the old storage
        TrainingConfig config = TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(3).optBatchSize(8).optSeed(3)
                .optLossOptions(Map.of("scale", "16")).optWorkers(1).optBnRecalibrationBatches(2).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(TestData.orlFirst(6)).build()) {
            t.step();
            NDArray mean = t.network().layers().get("conv1.bn").getParameters().get("runningMean").getArray();
            try (NDArray view = mean.reshape(mean.getShape())) {
                float[] old = view.toFloatArray();
                t.recalibrateBatchNorm();
                assertThat(mean.toFloatArray()).isNotEqualTo(old);
                assertThat(view.toFloatArray()).containsExactly(mean.toFloatArray());
            }
        }
    }

    @Test
    void runningStatisticsBecomeTheMeanOfTheBatchStatisticsOfTheCurrentWeights() throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(5).optBatchSize(8).optSeed(3)
                .optLossOptions(Map.of("scale", "16")).optLearningRate(0.1).optWorkers(2).optBnRecalibrationBatches(3).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).build();
             NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < 4; i++) {
                t.step();
            }
            Map<String, NamedTensor> before = t.parameterValues();
            t.recalibrateBatchNorm();
            Map<String, NamedTensor> after = t.parameterValues();

            // independent: conv1.conv's output on the same 3 batches, per-channel mean and unbiased variance
            ModelInput input = ModelInput.of(config.spec());
            int channels = (int) after.get("conv1.bn.runningMean").shape()[0];
            double[] mean = new double[channels];
            double[] var = new double[channels];
            try (BatchLoader l = BatchLoader.builder().setDataset(data).setPreprocessor(input, AugmentationPipeline.NONE)
                    .setPlan(BatchNormRecalibration.order(data.size(), 8, 3, 4)).optWorkers(1).build()) {
                for (int b = 0; b < 3; b++) {
                    HostBatch batch = l.next();
                    try (NDManager scope = m.newSubManager()) {
                        NDArray x = scope.create(batch.pixels(), new Shape(batch.size(), 3, 32, 32));
                        float[] y = t.network().layers().get("conv1.conv").forward(new ScopedParameterStore(scope), new NDList(x), false)
                                .singletonOrThrow().toFloatArray();
                        int per = y.length / (batch.size() * channels);
                        for (int c = 0; c < channels; c++) {
                            double s = 0;
                            double s2 = 0;
                            int n = 0;
                            for (int i = 0; i < batch.size(); i++) {
                                for (int k = 0; k < per; k++) {
                                    double v = y[(i * channels + c) * per + k];
                                    s += v;
                                    s2 += v * v;
                                    n++;
                                }
                            }
                            double mu = s / n;
                            mean[c] += mu / 3;
                            var[c] += (s2 - n * mu * mu) / (n - 1) / 3;
                        }
                    }
                }
            }
            float[] rm = after.get("conv1.bn.runningMean").values();
            float[] rv = after.get("conv1.bn.runningVar").values();
            for (int c = 0; c < channels; c++) {
                assertThat((double) rm[c]).isCloseTo(mean[c], within(1e-4 * Math.max(1, Math.abs(mean[c]))));
                assertThat((double) rv[c]).isCloseTo(var[c], within(1e-3 * Math.max(1, var[c])));
            }
            assertThat(rm).isNotEqualTo(before.get("conv1.bn.runningMean").values());
            // trainable parameters are untouched
            for (String name : before.keySet()) {
                if (!name.endsWith("runningMean") && !name.endsWith("runningVar")) {
                    assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
                }
            }
        }
    }
}
