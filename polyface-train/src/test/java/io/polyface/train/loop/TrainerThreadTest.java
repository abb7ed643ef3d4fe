package io.polyface.train.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.polyface.train.TestData;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.data.FaceDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training, batch-norm recalibration, inference and resume on a thread other than the one that loaded the engine
 * (where libtorch's grad mode is on by default: see {@code io.polyface.core.nn.GradMode}) give what they give on the
 * engine's thread, and leave that thread's grad mode as they found it.
 */
class TrainerThreadTest {

    @Test
    void trainsAndResumesOnAnotherThreadAsOnTheEngineThread(@TempDir Path out) throws Exception {
        try (NDManager loaded = NDManager.newBaseManager()) { // the engine is loaded (at the latest) on this thread
            assertThat(loaded.getEngine().getEngineName()).isEqualTo("PyTorch");
        }
        FaceDataset data = TestData.orlFirst(6);
        TrainingConfig config = TrainerTest.tiny(5).build();
        Map<String, NamedTensor> here;
        double accuracyHere;
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(data).build()) {
            for (int i = 0; i < 5; i++) {
                t.step();
            }
            t.recalibrateBatchNorm();
            accuracyHere = t.classificationAccuracy(data);
            here = t.parameterValues();
        }
        ExecutorService other = Executors.newSingleThreadExecutor(); // a fresh thread: grad mode on, as libtorch starts it
        try {
            assertThat(on(other, JniUtils::isGradMode)).isTrue();
            on(other, () -> {
                try (Trainer first = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).build()) {
                    for (int i = 0; i < 3; i++) {
                        first.step();
                    }
                    return first.checkpoint();
                }
            });
            Map<String, NamedTensor> there = on(other, () -> {
                try (Trainer second = Trainer.builder().setConfig(config).setTrainingSet(data).optOutputDir(out).optResume(true).build()) {
                    while (second.currentStep() < 5) {
                        second.step();
                    }
                    second.recalibrateBatchNorm();
                    assertThat(second.classificationAccuracy(data)).isEqualTo(accuracyHere);
                    return second.parameterValues();
                }
            });
            assertThat(TrainerTest.maxRelativeDifference(here, there)).isLessThanOrEqualTo(1e-6);
            assertThat(on(other, JniUtils::isGradMode)).as("the thread's grad mode is restored").isTrue();
        } finally {
            other.shutdownNow();
        }
    }

    private static <T> T on(ExecutorService thread, Callable<T> work) throws Exception {
        return thread.submit(work).get();
    }
}
