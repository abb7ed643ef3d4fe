package io.polyface.train.loop;

import io.polyface.core.arch.preset.Presets;
import io.polyface.train.TestData;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.data.FaceDataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning run shared by the ORL learning tests: {@code mobilefacenet-tiny} (112×112, ORL's 92×112
 * grey stretched by the recorded bilinear rule, three equal channels) trained from scratch on all 40
 * ORL identities, batch 32, three epochs, fixed seed.
 */
final class OrlLearning {

    /** Chance accuracy over 40 identities. */
    static final double CHANCE = 1.0 / 40;

    /**
     * @param epochLoss mean loss over each epoch's steps
     * @param epochAccuracy mean training-batch accuracy over each epoch
     * @param inferenceAccuracy top-1 accuracy on the training images in inference mode (after BN recalibration)
     * @param seconds wall time of the training steps
     */
    record Outcome(double[] epochLoss, double[] epochAccuracy, double inferenceAccuracy, double seconds) {

        double firstEpochLoss() {
            return epochLoss[0];
        }

        double lastEpochLoss() {
            return epochLoss[epochLoss.length - 1];
        }

        double lastEpochAccuracy() {
            return epochAccuracy[epochAccuracy.length - 1];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "mean loss per epoch %s, training accuracy per epoch %s, inference accuracy %.3f, "
                    + "%.1f s of steps", java.util.Arrays.toString(round(epochLoss)), java.util.Arrays.toString(round(epochAccuracy)),
                    inferenceAccuracy, seconds);
        }

        private static double[] round(double[] v) {
            return java.util.Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray();
        }
    }

    private OrlLearning() {}

    static Outcome train(String loss) throws IOException {
        FaceDataset orl = TestData.orl();
        TrainingConfig probe = config(loss, 1);
        int perEpoch;
        try (Trainer t = Trainer.builder().setConfig(probe).setTrainingSet(orl).build()) {
            perEpoch = t.stepsPerEpoch();
        }
        int epochs = 3;
        TrainingConfig config = config(loss, (long) epochs * perEpoch);
        List<StepResult> steps = new ArrayList<>();
        try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(orl).build()) {
            while (t.currentStep() < config.steps()) {
                steps.add(t.step());
            }
            t.recalibrateBatchNorm();
            double inference = t.classificationAccuracy(orl);
            double[] losses = new double[epochs];
            double[] accuracy = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                List<StepResult> epoch = steps.subList(e * perEpoch, (e + 1) * perEpoch);
                losses[e] = mean(epoch, true);
                accuracy[e] = mean(epoch, false);
            }
            return new Outcome(losses, accuracy, inference, steps.stream().mapToDouble(StepResult::seconds).sum());
        }
    }

    /**
     * Trains with {@code loss}, prints the outcome and checks that the network learned ORL: the mean loss falls epoch
     * after epoch, by at least 15 % from the first epoch to the last, and the last epoch's training accuracy and the
     * inference accuracy are both above ten times chance.
     *
     * @param loss the margin loss's name
     * @param label how the printed line names the run
     * @throws IOException if ORL cannot be read
     */
    static void assertLearns(String loss, String label) throws IOException {
        Outcome o = train(loss);
        System.out.println("ORL, mobilefacenet-tiny, " + label + ": " + o);
        // the loss falls epoch after epoch, clearly (ArcNegFace's up-weighted hard negatives keep its floor higher than ArcFace's)
        assertThat(o.epochLoss()).isSortedAccordingTo((a, b) -> Double.compare(b, a)).doesNotHaveDuplicates();
        assertThat(o.lastEpochLoss()).isLessThan(0.85 * o.firstEpochLoss());
        assertThat(o.lastEpochAccuracy()).isGreaterThan(10 * CHANCE);
        assertThat(o.inferenceAccuracy()).isGreaterThan(10 * CHANCE);
    }

    private static TrainingConfig config(String loss, long steps) {
        return TrainingConfig.builder().setSpec(Presets.get("mobilefacenet-tiny")).setSteps(steps).optLoss(loss).optBatchSize(32)
                .optLearningRate(0.1).optSchedule("cosine").optSeed(1).optWorkers(1)
                .optAugmentation(AugmentationPipeline.parse("flip")).optBnRecalibrationBatches(8).build();
    }

    private static double mean(List<StepResult> steps, boolean loss) {
        return steps.stream().mapToDouble(s -> loss ? s.loss() : s.accuracy()).average().orElseThrow();
    }
}
