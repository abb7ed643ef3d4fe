package io.polyface.train.quality;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.core.ort.OrtSessions;
import io.polyface.train.testing.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Recipe (b) on synthetic frames: the regression ranks held-out frames like their class-centre target,
 * and the exported ONNX model scores like the DJL network and carries its training provenance.
 */
@ExtendWith(OneTorchThread.class)
class QualityRegressionTest {

    @TempDir
    Path dir;

    @Test
    void regressionToTheClassCentreCosineRanksHeldOutFramesAndExportsForQualityScorer() throws IOException, OrtException {
        SyntheticFrames train = SyntheticFrames.make(6, 2, 6, 11);
        SyntheticFrames heldOut = SyntheticFrames.make(4, 2, 4, 12);
        try (TrainedQualityNet q = QualityRegression.builder().optEpochs(8).optBatchSize(24).optSeed(5).build().train(train.frames)) {
            float[] predicted = q.scores(heldOut.frames.crops());
            float[] target = UsefulnessTarget.CLASS_CENTRE.compute(heldOut.frames);
            double rho = RankCorrelation.spearman(predicted, target);
            // the best a network that sees only the pixels can do: know which frames are noisy, not how the
            // embedding noise of a clean frame fell
            float[] indicator = new float[target.length];
            for (int i = 0; i < indicator.length; i++) {
                indicator[i] = heldOut.bad[i] ? 0 : 1;
            }
            double oracle = RankCorrelation.spearman(indicator, target);
            System.out.printf(Locale.ROOT, "recipe (b), synthetic: loss %.4f -> %.4f, held-out Spearman %.3f (good/bad indicator"
                            + " %.3f), AUC(good > bad) %.3f%n", q.epochLosses().get(0), q.epochLosses().get(7), rho, oracle,
                    heldOut.auc(predicted));
            assertThat(q.epochLosses().get(7)).isLessThan(q.epochLosses().get(0));
            assertThat(rho).isGreaterThan(0.4);
            assertThat(heldOut.auc(predicted)).isGreaterThan(0.9);

            Path model = dir.resolve("quality.onnx");
            q.exportOnnx(model);
            try (QualityScorer scorer = QualityScorer.builder().setModelPath(model).build()) {
                float[] onnx = scorer.score(heldOut.frames.crops());
                for (int i = 0; i < onnx.length; i++) {
                    assertThat(onnx[i]).as("frame %d", i).isCloseTo(predicted[i], within(1e-3f));
                }
            }
            try (OrtSession session = OrtSessions.open(model, 1)) {
                Map<String, String> meta = session.getMetadata().getCustomMetadata();
                assertThat(meta).containsEntry("polyface.training.recipe", "usefulness-regression")
                        .containsEntry("polyface.training.target", "class_centre").containsEntry("polyface.training.seed", "5")
                        .containsEntry("polyface.training.frames", "72").containsEntry("polyface.training.epochs", "8")
                        .containsEntry("polyface.channel_order", "BGR");
            }
        }
    }

    @Test
    void settingsAndTargetsAreChecked() {
        assertThatThrownBy(() -> QualityRegression.builder().optBatchSize(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize 1");
        assertThatThrownBy(() -> QualityRegression.builder().optEpochs(0).build()).hasMessageContaining("epochs 0");
        assertThatThrownBy(() -> QualityRegression.builder().optWeightDecay(-1).build()).hasMessageContaining("weightDecay -1");
        assertThatThrownBy(() -> QualityRegression.builder().optTarget(null).build()).hasMessageContaining("target is null");
        SyntheticFrames s = SyntheticFrames.make(2, 1, 3, 1);
        QualityRegression r = QualityRegression.builder().build();
        assertThatThrownBy(() -> r.train(s.frames.crops(), new float[2])).hasMessageContaining("6 crops and 2 targets");
        assertThatThrownBy(() -> r.train(s.frames.crops(), new float[] {0, Float.NaN, 0, 0, 0, 0}))
                .hasMessageContaining("target 1 is NaN");
        assertThatThrownBy(() -> r.train(List.of(io.polyface.core.image.RgbImage.of(92, 112, new float[92 * 112 * 3]),
                io.polyface.core.image.RgbImage.of(92, 112, new float[92 * 112 * 3])), new float[2]))
                .hasMessageContaining("crops are 92x112 but qan-quality takes 112x112");
    }
}
