package io.polyface.train.loop;

import io.polyface.devtree.SharedResources;
import io.polyface.train.TestData;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointManifest;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.NpzArchive;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.stop.StopRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run stopped at a step boundary, resumed from damaged checkpoints, and inputs refused before the first step. */
class TrainerInterruptionTest {

    /** Requests the stop while step {@code at} (0-based) is being taken. */
    private static TrainingListener stopDuring(long at, StopRequest stop) {
        return new TrainingListener() {
            @Override
            public void onStep(StepResult r) {
                if (r.step() == at) {
                    stop.request("SIGTERM", 143);
                }
            }
        };
    }

    @Test
    void aStoppedRunCheckpointsAtTheStepBoundaryAndResumesExactly(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = TrainerTest.tiny(9).optCheckpointEvery(4).build();
        Map<String, NamedTensor> uninterrupted;
        try (Trainer t = Trainer.builder().setConfig(config.toBuilder().optCheckpointEvery(0).build()).setTrainingSet(data).build()) {
            t.train();
            uninterrupted = t.parameterValues();
        }
        StopRequest stop = new StopRequest();
        AtomicBoolean ended = new AtomicBoolean();
        List<Long> checkpoints = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onCheckpoint(long step, Path directory) {
                checkpoints.add(step);
            }

            @Override
            public void onEnd(TrainingSummary summary) {
                ended.set(true);
            }
        };
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optStopRequest(stop)
                .addListener(stopDuring(4, stop)).addListener(record).build()) {
            TrainingSummary s = t.train();
            assertThat(s.steps()).isEqualTo(5);
            assertThat(s.stepsThisRun()).isEqualTo(5);
            assertThat(s.lastCheckpoint()).isEqualTo(out.resolve("checkpoint-00000005"));
            assertThat(checkpoints).containsExactly(4L, 5L);
            assertThat(ended).isFalse();
        }
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build()) {
            assertThat(t.currentStep()).isEqualTo(5);
            TrainingSummary s = t.train();
            assertThat(s.stepsThisRun()).isEqualTo(4);
            // the final checkpoint is written after batch-norm recalibration; compare the trained weights before it
        }
        Map<String, NamedTensor> resumed = NpzArchive.read(out.resolve("checkpoint-00000009").resolve(Checkpoint.MODEL));
        Map<String, NamedTensor> reference = new java.util.LinkedHashMap<>(uninterrupted);
        reference.keySet().removeIf(k -> !resumed.containsKey(k) || k.contains("running"));
        resumed.keySet().removeIf(k -> !reference.containsKey(k));
        assertThat(TrainerTest.maxRelativeDifference(reference, resumed)).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void aStopBeforeAnyStepOrDuringTheLastStepWritesNothingExtra(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        StopRequest early = new StopRequest();
        early.request("SIGINT", 130);
        try (Trainer t = Trainer.builder().setConfig(TrainerTest.tiny(3).build()).setTrainingSet(data).optOutputDir(out)
                .optStopRequest(early).build()) {
            TrainingSummary s = t.train();
            assertThat(s.steps()).isZero();
            assertThat(s.lastCheckpoint()).isNull();
            assertThat(CheckpointStore.list(out)).isEmpty();
        }
        StopRequest late = new StopRequest();
        try (Trainer t = Trainer.builder().setConfig(TrainerTest.tiny(3).build()).setTrainingSet(data).optOutputDir(out)
                .optStopRequest(late).addListener(stopDuring(2, late)).build()) {
            TrainingSummary s = t.train();
            assertThat(s.steps()).isEqualTo(3); // the run ends normally
            assertThat(CheckpointStore.list(out)).extracting(CheckpointStore::stepOf).containsExactly(3L);
        }
    }

    @Test
    void resumingAFinishedRunReportsTheLossOfItsLastStep(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        double last;
        try (Trainer t = Trainer.builder().setConfig(TrainerTest.tiny(2).build()).setTrainingSet(data).optOutputDir(out).build()) {
            last = t.train().loss();
        }
        try (Trainer t = Trainer.builder().setConfig(TrainerTest.tiny(2).build()).setTrainingSet(data).optOutputDir(out).optResume(true)
                .build()) {
            TrainingSummary s = t.train();
            assertThat(s.stepsThisRun()).isZero();
            assertThat(s.loss()).isEqualTo(last).isFinite();
        }
    }

    @Test
    void resumingSkipsADamagedCheckpointAndRefusesMissingMomentum(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = TrainerTest.tiny(6).optCheckpointEvery(2).build();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
            for (int i = 0; i < 4; i++) {
                t.step();
                if (t.currentStep() % 2 == 0) {
                    t.checkpoint();
                }
            }
        }
        Path newest = out.resolve("checkpoint-00000004");
        Path optimizer = newest.resolve(Checkpoint.OPTIMIZER);
        byte[] b = Files.readAllBytes(optimizer);
        Files.write(optimizer, Arrays.copyOf(b, b.length - 100));
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build()) {
            assertThat(t.currentStep()).isEqualTo(2);
            assertThat(t.warnings()).singleElement().asString().startsWith("checkpoint-00000004 cannot be trusted (optimizer.npz: ");
        }
        // an earlier version's checkpoint (no manifest) whose optimizer.npz is a complete archive missing one buffer
        Path two = out.resolve("checkpoint-00000002");
        List<NamedTensor> momentum = new ArrayList<>(NpzArchive.read(two.resolve(Checkpoint.OPTIMIZER)).values());
        String dropped = momentum.remove(3).name();
        try (OutputStream o = Files.newOutputStream(two.resolve(Checkpoint.OPTIMIZER))) {
            NpzArchive.write(momentum, o);
        }
        Files.delete(two.resolve(CheckpointManifest.FILE));
        assertThatThrownBy(() -> Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(two.resolve(Checkpoint.OPTIMIZER).toString())
                .hasMessageContaining("no momentum for 1 of").hasMessageContaining(dropped);
    }

    @Test
    void evaluationSetsThatCannotBeEvaluatedAreRefusedBeforeTheFirstStep(@TempDir Path out) throws IOException {
        FaceDataset data = TestData.orlFirst(6);
        Path genuineOnly = SharedResources.resolve("data/insightface/small_lfw.bin"); // 10 genuine pairs, no impostor pair
        assertThatThrownBy(() -> Trainer.builder().setConfig(TrainerTest.tiny(1).build()).setTrainingSet(data)
                .addVerificationBin(genuineOnly).optOutputDir(out).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(genuineOnly + ": 10 genuine and 0 impostor pairs;"
                        + " a verification set needs both to measure TAR at a FAR");
        Path missing = out.resolve("missing.bin");
        assertThatThrownBy(() -> Trainer.builder().setConfig(TrainerTest.tiny(1).build()).setTrainingSet(data)
                .addVerificationBin(missing).build())
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.bin: no such file");
        assertThat(out.resolve("metrics.jsonl")).doesNotExist();
        assertThat(CheckpointStore.list(out)).isEmpty();
    }
}
