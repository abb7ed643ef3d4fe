package io.polyface.train.loop;

import io.polyface.core.image.CorruptImageException;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.train.TestData;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.data.ImageFolderDataset;
import io.polyface.train.eval.DatasetEmbeddings;
import io.polyface.train.eval.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One policy for corrupt images in every reader of a run: by default a corrupt JPEG, a JPEG cut to 1,500 bytes (which
 * ImageIO decodes with only a warning, half grey) and a zero-byte file are skipped and counted in training batches,
 * batch-norm recalibration and evaluation alike, so the run completes; in strict mode the first one stops it, named.
 */
class CorruptImagesTest {

    @TempDir
    Path dir;

    /** 6 ORL identities, the first two held out, plus three bad files in a held-out and a training identity. */
    private Path dataWithBadFiles() throws IOException {
        Path data = dir.resolve("faces");
        try (var ids = Files.list(TestData.orlFolder())) {
            for (Path id : ids.filter(p -> List.of("s1", "s2", "s3", "s4", "s5", "s6").contains(p.getFileName().toString())).toList()) {
                Path to = Files.createDirectories(data.resolve(id.getFileName().toString()));
                try (var files = Files.list(id)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
            }
        }
        SplittableRandom r = new SplittableRandom(3);
        float[] px = new float[3 * 112 * 112];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256);
        }
        byte[] jpeg = ImageEncoder.toJpeg(RgbImage.of(112, 112, px), 90);
        Files.write(data.resolve("s1/half.jpg"), Arrays.copyOf(jpeg, 1500)); // decodes silently as half grey without the warning rule
        byte[] damaged = jpeg.clone();
        Arrays.fill(damaged, 800, 900, (byte) 0xFF);
        Files.write(data.resolve("s5/damaged.jpg"), damaged);
        Files.write(data.resolve("s6/empty.jpg"), new byte[0]);
        return data;
    }

    private static TrainingConfig.Builder config(int steps) {
        return TrainingConfig.builder().setSpec(TestData.tinySpec()).setSteps(steps).optBatchSize(16).optLearningRate(0.05)
                .optSeed(5).optWorkers(2).optLoss("arcface").optLossOptions(Map.of("scale", "16"))
                .optAugmentation(AugmentationPipeline.NONE).optBnRecalibrationBatches(4).optEvalFars(List.of(0.1));
    }

    @Test
    void byDefaultEveryReaderSkipsAndCountsThem() throws IOException {
        try (FaceDataset all = ImageFolderDataset.open(dataWithBadFiles())) {
            assertThat(all.size()).isEqualTo(63);
            IdentitySplit split = IdentitySplit.holdOutLast(all, 2); // s5, s6 held out (natural order)
            try (Trainer t = Trainer.builder().setConfig(config(4).build()).setTrainingSet(split.train())
                    .optHeldOutSet(split.heldOut()).optOutputDir(dir.resolve("run")).build()) {
                TrainingSummary s = t.train(); // steps, recalibration, held-out evaluation and the final checkpoint
                assertThat(s.steps()).isEqualTo(4);
                assertThat(CheckpointStore.latest(dir.resolve("run"))).isPresent();
                EvaluationResult heldOut = s.evaluations().get(0);
                assertThat(heldOut.set()).isEqualTo("held-out");
                assertThat(heldOut.images()).isEqualTo(20); // 22 files, 2 corrupt
                DatasetEmbeddings e = t.embedder().embed(split.heldOut());
                assertThat(e.features().rows()).isEqualTo(20);
                assertThat(e.skipped()).isEqualTo(2);
                // the three bad files, each counted once however often it was met
                assertThat(s.corruptImages()).isEqualTo(3);
                assertThat(String.join("\n", t.corruptImages().reasons())).contains("half.jpg").contains("Truncated File")
                        .contains("damaged.jpg").contains("empty.jpg");
            }
        }
    }

    @Test
    void strictModeStopsAtTheFirstNamingIt() throws IOException {
        try (FaceDataset all = ImageFolderDataset.open(dataWithBadFiles())) {
            IdentitySplit split = IdentitySplit.holdOutLast(all, 2);
            try (Trainer t = Trainer.builder().setConfig(config(4).optStrict(true).build()).setTrainingSet(split.train())
                    .optHeldOutSet(split.heldOut()).build()) {
                // the training identities hold half.jpg; any step, recalibration or evaluation that meets it stops
                assertThatThrownBy(() -> {
                    t.train();
                }).isInstanceOf(CorruptImageException.class).hasMessageContaining(".jpg").hasMessageContaining("strict mode");
            }
        }
    }
}
