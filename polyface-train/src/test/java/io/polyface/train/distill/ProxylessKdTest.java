package io.polyface.train.distill;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.devtree.SharedResources;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ImageFolderDataset;
import io.polyface.train.data.LabelMap;
import io.polyface.train.data.ModelInput;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ProxylessKD (Shi et al. 2020): the loss is the teacher's margin loss (here ArcFace, s = 16, m = 0.3) of the
 * student's embeddings against the teacher's class centres, checked against an independent double-precision
 * computation with the classes mapped by name; the centres stay frozen through training steps; a training class the
 * teacher does not know, or the term without a checkpoint teacher, is refused.
 */
class ProxylessKdTest {

    private static final int C = 5;
    private static final int D = 8;
    private static final double S = 16;
    private static final double M = 0.3;

    private static CheckpointTeacher teacher(List<String> classes, int d) {
        float[] w = new float[classes.size() * d];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        return new CheckpointTeacher(Path.of("teacher-run", "checkpoint-00000004"), Path.of("teacher.onnx"), w, d,
                LabelMap.ofOrdered(classes), "arcface", Map.of("scale", String.valueOf(S), "margin", String.valueOf(M)));
    }

    @Test
    void theLossIsTheTeachersMarginLossAgainstItsCentres() {
        CheckpointTeacher t = teacher(List.of("s1", "s2", "s3", "s4", "s5"), D);
        // the student's classes are a subset in another order: mapped by name (student 0 = "s4" → teacher 3, ...)
        LabelMap student = LabelMap.ofOrdered(List.of("s4", "s1", "s5"));
        int[] teacherClass = {3, 0, 4};
        ProxylessKd kd = new ProxylessKd(t, student);
        int b = 6;
        float[] e = new float[b * D];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) r.nextGaussian();
        }
        int[] labels = {0, 1, 2, 2, 1, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            kd.initialize(m);
            HostBatch batch = new HostBatch(0, new float[0], labels, new int[b], 0);
            // the shard of rows 1..4: its embeddings [4, D], the batch's labels of those rows
            float[] shard = java.util.Arrays.copyOfRange(e, D, 5 * D);
            double got = kd.loss(m.create(shard, new Shape(4, D)), batch, 1, 5, m).getFloat();
            double expected = 0;
            for (int i = 1; i < 5; i++) {
                expected += arcFace(e, i, t.centres(), teacherClass[labels[i]]);
            }
            expected /= 4;
            assertThat(got).isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
            assertThat(expected).isGreaterThan(0.1);
        }
    }

    /** {@code −log softmax(z)_y} with {@code z_j = s·cos θ_j}, {@code z_y = s·cos(θ_y + m)} (ArcFace; fallback {@code c − m·sin m} past π), in double. */
    private static double arcFace(float[] e, int row, float[] w, int y) {
        double[] z = new double[C];
        double ne = 0;
        for (int k = 0; k < D; k++) {
            ne += (double) e[row * D + k] * e[row * D + k];
        }
        for (int j = 0; j < C; j++) {
            double dot = 0;
            double nw = 0;
            for (int k = 0; k < D; k++) {
                dot += (double) e[row * D + k] * w[j * D + k];
                nw += (double) w[j * D + k] * w[j * D + k];
            }
            double c = dot / Math.sqrt(ne * nw);
            double target = c > Math.cos(Math.PI - M) ? Math.cos(Math.acos(c) + M) : c - M * Math.sin(M);
            z[j] = S * (j == y ? target : c);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return -(z[y] - max - Math.log(sum));
    }

    @Test
    void theCentresStayFrozenWhileTheStudentAndProjectionTrain(@TempDir Path tmp) throws IOException {
        ArchSpec spec = DistillationRunTest.tinyStudent(); // 16-d student, 512-d teacher: a projection is trained
        try (FaceDataset data = ImageFolderDataset.open(DistillationRunTest.orlSubset(tmp.resolve("data"), 3, 4));
             OnnxTeacher onnx = OnnxTeacher.open(SharedResources.resolve("models/fr_feature.onnx"), PreprocessingStatement.NONE, n -> { })) {
            CheckpointTeacher t = teacher(List.of("s1", "s2", "s3"), 512);
            ProxylessKd kd = new ProxylessKd(t, data.labels());
            DistillationObjective objective = new DistillationObjective(new TeacherTargets(onnx, ModelInput.of(spec), data, null),
                    List.of(KdLoss.PROXYLESS), 1, 0, kd);
            TrainingConfig config = TrainingConfig.builder().setSpec(spec).setSteps(3).optBatchSize(6).optSeed(2).optWorkers(1)
                    .optBnRecalibrationBatches(0).build();
            try (Trainer trainer = Trainer.builder().setConfig(config).setTrainingSet(data).optObjective(objective).build()) {
                float[] projectionBefore = trainer.parameterValues().get(DistillationObjective.PROJECTION).values();
                double first = trainer.step().loss();
                trainer.step();
                double third = trainer.step().loss();
                assertThat(first).isFinite().isPositive();
                assertThat(third).isFinite();
                assertThat(trainer.parameterValues().get(DistillationObjective.PROJECTION).values()).as("the projection trains")
                        .isNotEqualTo(projectionBefore);
                assertThat(kd.centres().toFloatArray()).as("the teacher's centres, unchanged").containsExactly(t.centres());
                assertThat(kd.centres().hasGradient()).isFalse();
                assertThat(trainer.parameterValues().keySet()).noneMatch(k -> k.contains("proxyless"));
            }
        }
    }

    @Test
    void aClassTheTeacherDoesNotKnowOrNoCheckpointTeacherIsRefused() {
        CheckpointTeacher t = teacher(List.of("s1", "s2"), D);
        assertThatThrownBy(() -> new ProxylessKd(t, LabelMap.ofOrdered(List.of("s1", "s9"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kd-loss proxyless").hasMessageContaining("'s9'");
        assertThatThrownBy(() -> new DistillationObjective(null, List.of(KdLoss.PROXYLESS), 1, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoint");
        assertThat(KdLoss.parseList("proxyless, angular")).containsExactly(KdLoss.PROXYLESS, KdLoss.ANGULAR);
        assertThatThrownBy(() -> KdLoss.PROXYLESS.evaluate(null, null)).isInstanceOf(UnsupportedOperationException.class);
    }

}
