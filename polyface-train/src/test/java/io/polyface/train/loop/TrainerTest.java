package io.polyface.train.loop;

import ai.djl.Device;
import io.polyface.train.TestData;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.ParameterNames;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.memory.MemoryBudgetExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {

    /** 6 ORL identities (60 images) at batch 8: 7 steps per epoch, the last with 12 images (a remainder of 4 joins no one). */
    static TrainingConfig.Builder tiny(long steps) {
        return TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(steps).optBatchSize(8).optLearningRate(0.05)
                .optWarmupSteps(steps > 2 ? 2 : 0).optSeed(7).optWorkers(2).optLoss("arcnegface").optLossOptions(Map.of("scale", "16"))
                .optAugmentation(AugmentationPipeline.parse("flip,jitter:0.5,crop:0.5,erase:0.3")).optBnRecalibrationBatches(2)
                .optGradientClipNorm(50);
    }

    private static Map<String, NamedTensor> run(TrainingConfig config, FaceDataset data, int steps) throws IOException {
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).build()) {
            for (int i = 0; i < steps; i++) {
                t.step();
            }
            return t.parameterValues();
        }
    }

    static double maxRelativeDifference(Map<String, NamedTensor> a, Map<String, NamedTensor> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        double worst = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name).values();
            float[] y = b.get(name).values();
            assertThat(y).hasSameSizeAs(x);
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1.0, Math.abs(x[i])));
            }
        }
        return worst;
    }

    @Test
    void resumedRunEndsWithTheParametersOfAnUninterruptedRun(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        int total = 10; // crosses the epoch boundary at 7 steps
        TrainingConfig config = tiny(total).build();
        Map<String, NamedTensor> initial;
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).build()) {
            initial = t.parameterValues();
        }
        Map<String, NamedTensor> uninterrupted = run(config, data, total);

        try (Trainer first = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
            for (int i = 0; i < 4; i++) {
                first.step();
            }
            first.checkpoint();
        }
        Map<String, NamedTensor> resumed;
        try (Trainer second = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build()) {
            assertThat(second.currentStep()).isEqualTo(4);
            while (second.currentStep() < total) {
                second.step();
            }
            resumed = second.parameterValues();
        }
        assertThat(maxRelativeDifference(uninterrupted, resumed)).isLessThanOrEqualTo(1e-6);
        // the comparison is not vacuous: training moved the parameters, and another seed ends elsewhere
        assertThat(maxRelativeDifference(initial, uninterrupted)).isGreaterThan(1e-2);
        Map<String, NamedTensor> otherSeed = run(config.toBuilder().optSeed(8).build(), data, total);
        assertThat(maxRelativeDifference(uninterrupted, otherSeed)).isGreaterThan(1e-3);
    }

    @Test
    void resumeIsExactWithPartialFcRegularFaceLabelSmoothingAndAStatefulLoss(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = tiny(6).optLoss("curricularface").optLossOptions(Map.of("scale", "16", "label-smoothing", "0.1"))
                .optPartialFcSampleRate(0.5).optRegularFaceWeight(0.1).build();
        Map<String, NamedTensor> uninterrupted = run(config, data, 6);
        try (Trainer first = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
            assertThat(first.memoryPlan().sampleRate()).isEqualTo(0.5);
            for (int i = 0; i < 3; i++) {
                assertThat(first.step().loss()).isFinite();
            }
            first.checkpoint();
        }
        Checkpoint c = CheckpointStore.read(CheckpointStore.latest(out).orElseThrow());
        assertThat(c.metadata().lossState()).containsKey("t");
        try (Trainer second = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build()) {
            while (second.currentStep() < 6) {
                second.step();
            }
            assertThat(maxRelativeDifference(uninterrupted, second.parameterValues())).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void resumeIsExactWithStochasticDepthAndDropout(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = tiny(5).setSpec(TestData.tinyPolyFaceSpec()).build();
        assertThat(io.polyface.core.arch.ArchSpecJson.toJson(config.spec())).contains("dropout").contains("\"keepProb\":0.8");
        Map<String, NamedTensor> uninterrupted = run(config, data, 5);
        try (Trainer first = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
            first.step();
            first.step();
            first.checkpoint();
        }
        try (Trainer second = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build()) {
            while (second.currentStep() < 5) {
                second.step();
            }
            assertThat(maxRelativeDifference(uninterrupted, second.parameterValues())).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void binSetsAreDecodedEmbeddedAndScoredAsPairs() throws IOException {
        Path bin = io.polyface.devtree.SharedResources.resolve("data/insightface/small_lfw.bin");
        try (Trainer t = Trainer.builder().setConfig(tiny(1).build()).setTrainingSet(TestData.orlFirst(6)).build()) {
            var set = new io.polyface.train.eval.BinDataset(bin, io.polyface.core.io.InsightFaceBin.read(bin));
            assertThat(set.size()).isEqualTo(20);
            var embeddings = t.embedder().embed(set).features();
            assertThat(embeddings.rows()).isEqualTo(20); // 112×112 JPEGs resized to the tiny input
            // the shared file holds 10 genuine pairs and no impostor pair, so no FAR can be measured on it (and a
            // trainer refuses it before the first step: TrainerInterruptionTest)
            assertThatThrownBy(() -> io.polyface.train.eval.Verification.pairs(0, "small_lfw.bin", embeddings, set.genuine(), List.of(0.1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impostor");
        }
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingTheSetting(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        try (Trainer t = Trainer.builder().setConfig(tiny(4).build()).setTrainingSet(data).optOutputDir(out).build()) {
            t.step();
            t.checkpoint();
        }
        assertThatThrownBy(() -> Trainer.builder().setConfig(tiny(4).optSeed(99).build()).setTrainingSet(data).optOutputDir(out)
                .optResume(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed is 7, this run's is 99");
    }

    @Test
    void nonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = tiny(8).optCheckpointEvery(2).build();
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onStep(StepResult r) {
                if (r.step() == 4) { // after checkpoint-00000004, the run diverges
                    var w = trainer.get().network().block().getParameters().get(0).getValue().getArray();
                    float[] nan = new float[(int) w.size()];
                    java.util.Arrays.fill(nan, Float.NaN);
                    io.polyface.core.nn.OwnedArrays.assign(w, nan);
                }
            }
        };
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).addListener(poison).build()) {
            trainer.set(t);
            assertThatThrownBy(t::train)
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("loss is NaN at step 5")
                    .hasMessageContaining("last good checkpoint is " + out.resolve("checkpoint-00000004"));
            assertThat(CheckpointStore.list(out)).extracting(p -> p.getFileName().toString())
                    .containsExactly("checkpoint-00000002", "checkpoint-00000004");
            // the poisoned parameters are never written
            assertThatThrownBy(t::checkpoint).isInstanceOf(NonFiniteLossException.class).hasMessageContaining("holds NaN");
            assertThat(CheckpointStore.latest(out)).contains(out.resolve("checkpoint-00000004"));
        }
    }

    @Test
    void stepsDoNotLeakArrays() throws IOException {
        try (Trainer t = Trainer.builder().setConfig(tiny(12).build()).setTrainingSet(TestData.orlFirst(6)).build()) {
            for (int i = 0; i < 3; i++) {
                t.step();
            }
            int after3 = t.liveArrayCount();
            float[] runningMean = t.parameterValues().get("conv1.bn.runningMean").values();
            assertThat(runningMean).as("batch-norm running statistics are updated in place").isNotEqualTo(new float[runningMean.length]);
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            assertThat(t.liveArrayCount()).isEqualTo(after3);
        }
    }

    @Test
    void smallerLastBatchIsTrained() throws IOException {
        try (Trainer t = Trainer.builder().setConfig(tiny(7).optBatchSize(16).build()).setTrainingSet(TestData.orlFirst(6)).build()) {
            assertThat(t.stepsPerEpoch()).isEqualTo(4);
            int[] sizes = new int[4];
            for (int i = 0; i < 4; i++) {
                sizes[i] = t.step().images();
            }
            assertThat(sizes).containsExactly(16, 16, 16, 12);
        }
    }

    @Test
    void heldOutIdentitiesAreEvaluatedOnAllPairs(@TempDir Path out) throws IOException {
        IdentitySplit split = IdentitySplit.holdOutLast(TestData.orlFirst(8), 2);
        TrainingConfig config = tiny(3).optEvalFars(List.of(0.1, 0.01)).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(split.train()).optHeldOutSet(split.heldOut())
                .optOutputDir(out).build()) {
            TrainingSummary s = t.train();
            assertThat(s.steps()).isEqualTo(3);
            EvaluationResult e = s.evaluations().get(0);
            assertThat(e.set()).isEqualTo("held-out");
            assertThat(e.images()).isEqualTo(20);
            assertThat(e.genuinePairs()).isEqualTo(2 * 45);
            assertThat(e.impostorPairs()).isEqualTo(10 * 10);
            assertThat(e.operatingPoints()).hasSize(2);
            assertThat(e.tar(0.1)).isBetween(0.0, 1.0);
            Checkpoint c = CheckpointStore.read(s.lastCheckpoint());
            assertThat(c.metadata().metrics()).containsKey("tar/held-out");
        }
    }

    @Test
    void checkpointRecordsHowTheModelWasMade(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = tiny(2).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
            t.train();
        }
        Checkpoint c = CheckpointStore.read(out.resolve("checkpoint-00000002"));
        var m = c.metadata();
        assertThat(m.step()).isEqualTo(2);
        assertThat(m.seed()).isEqualTo(7);
        assertThat(m.spec()).isEqualTo(config.spec());
        assertThat(m.loss()).isEqualTo("arcnegface");
        assertThat(m.lossOptions()).containsEntry("scale", "16");
        assertThat(m.labels().names()).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        @SuppressWarnings("unchecked")
        Map<String, Object> resize = (Map<String, Object>) m.input().get("resize");
        assertThat(resize).containsEntry("rule", "bilinear-stretch").containsEntry("width", 32).containsEntry("height", 32);
        assertThat(m.input()).containsEntry("channel_order", "RGB").containsEntry("mean", 127.5).containsEntry("std", 127.5);
        assertThat(m.optimizer()).containsEntry("momentum", 0.9).containsEntry("weight_decay", 5e-4);
        assertThat(m.schedule()).containsEntry("kind", "cosine").containsEntry("end", 2);
        assertThat(m.provenance()).containsKeys("djl_version", "engine", "lfr_flops", "params", "created");
        assertThat(m.run()).containsEntry("batch_size", 8).containsEntry("total_steps", 2);
        Map<String, NamedTensor> model = c.model();
        assertThat(model).containsKeys("conv1.conv.weight", "conv1.bn.runningMean", "conv1.prelu.alpha");
        assertThat(c.head().get(ParameterNames.CENTRES).shape()).containsExactly(6, 16);
        assertThat(c.optimizer()).containsKey("conv1.conv.weight").doesNotContainKey("conv1.bn.runningMean");
    }

    @Test
    void classifierBeyondTheBudgetIsRefusedOrSwitchedToPartialFc() throws IOException {
        FaceDataset data = TestData.orlFirst(40);
        // C=40, d=16, B=8: centres, gradient and momentum 3 x 2,560 B; full logits 4·8·8·40 = 10,240 B; 17,920 B in all
        assertThatThrownBy(() -> Trainer.builder().setConfig(tiny(1).optMemoryBudgetBytes(12_800).build()).setTrainingSet(data).build())
                .isInstanceOf(MemoryBudgetExceededException.class).hasMessageContaining("over the budget of 12,800 B");
        // 12,800 B leaves 5,120 B of logits: C' = 20 classes = 8 positives + r·32 negatives, r = 0.375
        try (Trainer t = Trainer.builder().setConfig(tiny(1).optMemoryBudgetBytes(12_800).optPartialFcAuto(true).build())
                .setTrainingSet(data).build()) {
            assertThat(t.memoryPlan().switchedToPartialFc()).isTrue();
            assertThat(t.memoryPlan().sampleRate()).isCloseTo(0.375, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(t.memoryPlan().estimate().totalBytes()).isEqualTo(12_800);
            assertThat(t.step().loss()).isFinite();
        }
    }

    @Test
    void twoShardsOnTheSameDeviceTrain() throws IOException {
        TrainingConfig config = tiny(2).optDevices(List.of(Device.cpu(), Device.cpu())).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(TestData.orlFirst(6)).build()) {
            StepResult r = t.step();
            assertThat(r.loss()).isFinite();
            assertThat(r.gradientNorm()).isPositive();
        }
    }

    @Test
    void parameterGroupsSeparateDecayAndLearningRates() throws IOException {
        TrainingConfig config = tiny(1).optBackboneLearningRateMultiplier(0.1).optHeadLearningRateMultiplier(2).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(TestData.orlFirst(6)).build()) {
            Map<String, String> groups = new java.util.LinkedHashMap<>();
            t.trainableParameters().forEach(p -> groups.put(p.name(), p.group().name()));
            assertThat(groups).containsEntry("conv1.conv.weight", "backbone").containsEntry("conv1.bn.gamma", "backbone-no-decay")
                    .containsEntry("conv1.bn.beta", "backbone-no-decay").containsEntry("conv1.prelu.alpha", "backbone-no-decay")
                    .containsEntry("head.fc.bias", "backbone-no-decay").containsEntry(ParameterNames.CENTRES, "head")
                    .doesNotContainKey("conv1.bn.runningMean");
            t.trainableParameters().forEach(p -> assertThat(p.group().learningRateMultiplier())
                    .isEqualTo(p.name().equals(ParameterNames.CENTRES) ? 2.0 : 0.1));
        }
    }
}
