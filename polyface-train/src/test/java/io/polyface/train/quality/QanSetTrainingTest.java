package io.polyface.train.quality;

import io.polyface.losses.margin.ArcFaceLoss;
import io.polyface.train.testing.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recipe (a) on synthetic sets: with identity labels only, the quality network learns to give the noisy
 * frames (random embeddings) lower weight than the clean ones (embeddings near the identity's centre).
 */
@ExtendWith(OneTorchThread.class)
class QanSetTrainingTest {

    @Test
    void identityLabelsAloneTeachTheNetworkToDownWeightBadFrames() {
        SyntheticFrames train = SyntheticFrames.make(6, 3, 4, 1);
        SyntheticFrames heldOut = SyntheticFrames.make(4, 2, 4, 2);
        try (TrainedQualityNet q = QanSetTraining.builder().optEpochs(12).optSetsPerBatch(6).optFramesPerSet(4).optSeed(3)
                .build().train(train.frames)) {
            float[] scores = q.scores(heldOut.frames.crops());
            float[] mu = new float[scores.length];
            for (int i = 0; i < mu.length; i++) {
                mu[i] = (float) (1 / (1 + Math.exp(-scores[i])));
            }
            double auc = heldOut.auc(scores);
            System.out.printf(Locale.ROOT, "recipe (a), synthetic: loss %.4f -> %.4f, held-out AUC(good > bad) %.3f, "
                            + "mean sigmoid good - bad %.3f%n", q.epochLosses().get(0), q.epochLosses().get(11), auc,
                    heldOut.goodMinusBad(mu));
            assertThat(q.epochLosses()).hasSize(12);
            assertThat(q.epochLosses().get(11)).isLessThan(q.epochLosses().get(0));
            assertThat(auc).isGreaterThan(0.9);
            assertThat(heldOut.goodMinusBad(mu)).isGreaterThan(0.1);
            assertThat(q.provenance()).containsEntry("recipe", "qan-set").containsEntry("loss", "cosface")
                    .containsEntry("identities", "6").containsEntry("tracks", "18").containsEntry("frames_per_set", "4");
        }
    }

    @Test
    void settingsAndDataAreChecked() {
        assertThatThrownBy(() -> QanSetTraining.builder().optFramesPerSet(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("framesPerSet 1");
        assertThatThrownBy(() -> QanSetTraining.builder().optSetsPerBatch(1).build()).hasMessageContaining("setsPerBatch 1");
        assertThatThrownBy(() -> QanSetTraining.builder().optLoss(null).build()).hasMessageContaining("loss is null");
        assertThatThrownBy(() -> QanSetTraining.builder().optLearningRate(0).build()).hasMessageContaining("learningRate 0");
        SyntheticFrames one = SyntheticFrames.make(1, 2, 3, 4);
        assertThatThrownBy(() -> QanSetTraining.builder().optLoss(ArcFaceLoss.builder().build()).build().train(one.frames))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two identities");
    }
}
