package io.polyface.train.distill;

import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.devtree.SharedResources;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ImageFolderDataset;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SampleOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teacher on its own thread (issue 17, item 2): targets started ahead by {@link TeacherTargets#prepare} (as the
 * trainer's batch loader does for batch {@code k + 1} while the student trains on {@code k}) are bit-identical to those
 * computed when the step asks, and a distillation run gives the same loss and parameters with and without prefetch.
 */
class TeacherPrefetchTest {

    private static OnnxTeacher teacher;

    @BeforeAll
    static void openTeacher() throws IOException {
        teacher = OnnxTeacher.open(SharedResources.resolve("models/fr_feature.onnx"), PreprocessingStatement.NONE, n -> { }, 1);
    }

    @AfterAll
    static void closeTeacher() {
        teacher.close();
    }

    @Test
    void prefetchedTargetsAreBitIdenticalToSequentialOnes(@TempDir Path tmp) throws IOException {
        ModelInput input = ModelInput.of(DistillationRunTest.tinyStudent());
        try (FaceDataset data = ImageFolderDataset.open(DistillationRunTest.orlSubset(tmp.resolve("data"), 3, 4));
             TeacherTargets ahead = new TeacherTargets(teacher, input, data, null, true);
             TeacherTargets sequential = new TeacherTargets(teacher, input, data, null, false)) {
            assertThat(ahead.prefetches()).isTrue();
            assertThat(sequential.prefetches()).isFalse();
            List<HostBatch> batches = new ArrayList<>();
            // the loader hands each batch to prepare() on its worker thread as soon as it is ready, as in the trainer
            try (BatchLoader loader = BatchLoader.builder().setDataset(data).setPreprocessor(input, AugmentationPipeline.parse("flip,crop,jitter"))
                    .setPlan(new SampleOrder(data.size(), 6, 7).firstSteps(3)).optSeed(7).optWorkers(2).optOnReady(ahead::prepare).build()) {
                while (loader.hasNext()) {
                    batches.add(loader.next());
                }
            }
            assertThat(ahead.pendingBatches()).as("every batch started ahead").isEqualTo(3);
            int d = teacher.embeddingSize();
            for (HostBatch b : batches) {
                float[] expected = sequential.targets(b, 0, b.size());
                float[] shard = ahead.targets(b, 1, 4); // a shard first: the whole batch was embedded ahead, the shard takes its rows
                float[] whole = ahead.targets(b, 0, b.size());
                assertThat(whole).containsExactly(expected);
                assertThat(shard).containsExactly(Arrays.copyOfRange(expected, d, 4 * d));
            }
            assertThat(ahead.pendingBatches()).as("taken").isZero();
        }
    }

    @Test
    void theTeachersEmbeddingsDoNotDependOnItsIntraOpThreads(@TempDir Path tmp) throws IOException {
        ModelInput input = ModelInput.of(DistillationRunTest.tinyStudent());
        try (FaceDataset data = ImageFolderDataset.open(DistillationRunTest.orlSubset(tmp.resolve("data"), 2, 4));
             OnnxTeacher three = OnnxTeacher.open(SharedResources.resolve("models/fr_feature.onnx"), PreprocessingStatement.NONE, n -> { }, 3);
             TeacherTargets one = new TeacherTargets(teacher, input, data, null);
             TeacherTargets many = new TeacherTargets(three, input, data, null);
             BatchLoader loader = BatchLoader.builder().setDataset(data).setPreprocessor(input, AugmentationPipeline.parse("flip,crop"))
                     .setPlan(new SampleOrder(data.size(), 8, 1).firstSteps(1)).optSeed(1).optWorkers(1).build()) {
            HostBatch b = loader.next();
            // --teacher-threads changes the speed, not the targets (so a run is reproducible whatever the setting)
            assertThat(many.targets(b, 0, b.size())).containsExactly(one.targets(b, 0, b.size()));
        }
    }

    @Test
    void aRunGivesTheSameLossAndParametersWithAndWithoutPrefetch(@TempDir Path tmp) throws IOException {
        try (FaceDataset data = ImageFolderDataset.open(DistillationRunTest.orlSubset(tmp.resolve("data"), 3, 4))) {
            DistillationResult on = run(data, tmp.resolve("on"), true);
            DistillationResult off = run(data, tmp.resolve("off"), false);
            assertThat(on.summary().loss()).isFinite().isEqualTo(off.summary().loss());
            Checkpoint a = CheckpointStore.read(on.summary().lastCheckpoint());
            Checkpoint b = CheckpointStore.read(off.summary().lastCheckpoint());
            assertSame(a.model(), b.model());
            assertSame(a.head(), b.head());
        }
    }

    private static DistillationResult run(FaceDataset data, Path out, boolean prefetch) throws IOException {
        return DistillationRun.builder().setTeacher(teacher).setData(data, false).setStudent(DistillationRunTest.tinyStudent()).setOutput(out)
                .optSteps(3).optBatch(6, 0.1).optAugmentation("flip,crop,jitter").optCheckpoints(0, 2).optTeacherCache(false)
                .optTeacherPrefetch(prefetch).optKd(List.of(KdLoss.ANGULAR, KdLoss.RELATION), 1).build().run();
    }

    private static void assertSame(Map<String, NamedTensor> a, Map<String, NamedTensor> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k).values()).as(k).containsExactly(a.get(k).values());
        }
    }
}
