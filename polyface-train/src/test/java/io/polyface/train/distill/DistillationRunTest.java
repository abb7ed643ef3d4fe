package io.polyface.train.distill;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.devtree.SharedResources;
import io.polyface.train.TestData;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.ImageFolderDataset;
import io.polyface.train.data.UnlabelledImages;
import io.polyface.train.loop.StepResult;
import io.polyface.train.loop.TrainingListener;
import io.polyface.train.stop.StopRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Distillation runs of a tiny student (MobileFaceNet-tiny at 32×32, width 0.25, one block per stage, 16-d) from the
 * real 512-d teacher {@code ../shared/models/fr_feature.onnx} on a few ORL faces: the projection is trained and
 * checkpointed but not exported, unlabelled data trains with the distillation losses alone, a stopped run resumes to
 * the same parameters, and images without a face are counted (strict mode names them).
 */
class DistillationRunTest {

    private static OnnxTeacher teacher;

    @BeforeAll
    static void openTeacher() throws IOException {
        teacher = OnnxTeacher.open(SharedResources.resolve("models/fr_feature.onnx"), PreprocessingStatement.NONE, n -> { });
    }

    @AfterAll
    static void closeTeacher() {
        teacher.close();
    }

    static ArchSpec tinyStudent() {
        return Architectures.resolve("mobilefacenet-tiny", new ArchOverrides(32, null, 0.25, List.of(1, 1, 1, 1), 16, null, null, null));
    }

    /** Copies the first {@code images} images of ORL s1..s{ids} into {@code dir/sN/}. */
    static Path orlSubset(Path dir, int ids, int images) throws IOException {
        return TestData.orlSubset(dir, ids, images);
    }

    private static DistillationRun.Builder run(FaceDataset data, boolean unlabelled, Path out) {
        return DistillationRun.builder().setTeacher(teacher).setData(data, unlabelled).setStudent(tinyStudent()).setOutput(out)
                .optSteps(2).optBatch(8, 0.1).optCheckpoints(0, 1).optTeacherCache(false);
    }

    @Test
    void projectionIsTrainedAndCheckpointedButTheExportedModelOutputsTheStudentsEmbedding(@TempDir Path tmp) throws IOException {
        try (FaceDataset data = ImageFolderDataset.open(orlSubset(tmp.resolve("data"), 4, 4))) {
            DistillationResult r = run(data, false, tmp.resolve("out")).optKd(List.of(KdLoss.ANGULAR, KdLoss.RELATION), 1)
                    .optHoldoutIds(2).build().run();
            assertThat(r.objective()).containsEntry("projection", true).containsEntry("teacher_embedding_size", 512);
            Checkpoint c = CheckpointStore.read(r.summary().lastCheckpoint());
            NamedTensor p = c.head().get(DistillationObjective.PROJECTION);
            assertThat(p).as("projection in the checkpoint's head archive").isNotNull();
            assertThat(p.shape()).containsExactly(16L, 512L);
            assertThat(c.model().keySet()).noneMatch(k -> k.contains("distill"));
            try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(r.model()).build()) {
                assertThat(e.embeddingSize()).as("exported output dimension").isEqualTo(16);
            }
            assertThat(r.student().genuinePairs()).isEqualTo(2 * 6);
            assertThat(r.teacher().tar(0.1)).isEqualTo(1.0);
            assertThat(Files.readString(r.model().getParent().resolve("metrics.jsonl"))).contains("\"step\":2");
        }
    }

    @Test
    void unlabelledImagesTrainWithTheDistillationLossesAlone(@TempDir Path tmp) throws IOException {
        Path flat = tmp.resolve("flat");
        Path nested = orlSubset(flat.resolve("nested"), 2, 4);
        assertThat(nested).exists();
        try (UnlabelledImages data = UnlabelledImages.open(flat)) {
            assertThat(data.size()).isEqualTo(8);
            assertThat(data.labels().size()).isEqualTo(1);
            DistillationResult r = run(data, true, tmp.resolve("out")).optKd(List.of(KdLoss.COSINE), 1).optMarginLoss("arcface", 1).build().run();
            assertThat(r.summary().steps()).isEqualTo(2);
            assertThat(r.summary().loss()).isFinite().isBetween(0.0, 2.0);
            assertThat(r.objective()).containsEntry("margin_weight", 0.0);
            assertThat(r.student()).isNull();
            assertThat(r.summary().accuracy()).as("no margin head: no training accuracy").isNaN();
            assertThat(Files.readString(tmp.resolve("out").resolve("metrics.jsonl"))).contains("\"accuracy\":null").doesNotContain("NaN");
            assertThatThrownBy(() -> run(data, true, tmp.resolve("out2")).optHoldoutIds(2).build().run())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--holdout-ids");
        }
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> UnlabelledImages.open(tmp.resolve("empty"))).hasMessageContaining("--data").hasMessageContaining("no image");
    }

    @Test
    void aStoppedRunResumesToTheSameParametersAsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        try (FaceDataset data = ImageFolderDataset.open(orlSubset(tmp.resolve("data"), 3, 4))) {
            DistillationResult straight = run(data, false, tmp.resolve("a")).build().run();
            StopRequest stop = new StopRequest();
            DistillationResult first = run(data, false, tmp.resolve("b")).optStopRequest(stop).addListener(new TrainingListener() {
                @Override
                public void onStep(StepResult result) {
                    stop.request("test", 130);
                }
            }).build().run();
            assertThat(first.model()).as("stopped before the end: no export").isNull();
            assertThat(first.summary().steps()).isEqualTo(1);
            DistillationResult resumed = run(data, false, tmp.resolve("b")).optSeed(0, true).build().run();
            assertThat(resumed.summary().stepsThisRun()).isEqualTo(1);
            Checkpoint x = CheckpointStore.read(straight.summary().lastCheckpoint());
            Checkpoint y = CheckpointStore.read(resumed.summary().lastCheckpoint());
            assertSame(x.model(), y.model());
            assertSame(x.head(), y.head());
        }
    }

    @Test
    void imagesWithoutAFaceAreLeftOutAndCountedOrFailInStrictMode(@TempDir Path tmp) throws IOException {
        Path dir = orlSubset(tmp.resolve("data"), 2, 2);
        Files.write(dir.resolve("s2").resolve("blank.pgm"), blankPgm());
        try (FaceDataset data = ImageFolderDataset.open(dir);
             YuNetDetector yunet = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).build()) {
            AlignedFaces.Result r = AlignedFaces.prepare(data, yunet, tmp.resolve("aligned"), false);
            assertThat(r.noFace()).singleElement().asString().endsWith("blank.pgm");
            assertThat(r.dataset().size()).isEqualTo(4);
            assertThat(r.dataset().labels().size()).isEqualTo(2);
            AlignedFaces.Result again = AlignedFaces.prepare(data, yunet, tmp.resolve("aligned"), false);
            assertThat(again.fromCache()).as("crops found in the cache").isEqualTo(4);
            assertThatThrownBy(() -> AlignedFaces.prepare(data, yunet, tmp.resolve("strict"), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank.pgm").hasMessageContaining("--strict");
        }
    }

    private static byte[] blankPgm() {
        String header = "P5\n92 112\n255\n";
        byte[] out = new byte[header.length() + 92 * 112];
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, 0, header.length());
        java.util.Arrays.fill(out, header.length(), out.length, (byte) 128);
        return out;
    }

    private static void assertSame(Map<String, NamedTensor> a, Map<String, NamedTensor> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k).values()).as(k).containsExactly(a.get(k).values());
        }
    }
}
