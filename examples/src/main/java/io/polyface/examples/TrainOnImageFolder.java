package io.polyface.examples;

import io.polyface.core.arch.preset.Presets;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;
import io.polyface.train.loop.TrainingSummary;

import java.nio.file.Path;

/**
 * Example: train {@code mobilefacenet-tiny} with ArcNegFace on an image folder (one sub-folder per identity), hold
 * out the last identities for all-pairs evaluation, and export the trained network to ONNX.
 *
 * <pre>
 * java … io.polyface.examples.TrainOnImageFolder IMAGE_DIR OUT_DIR [STEPS]
 * e.g. ../shared/data/orl /tmp/orl-run 60
 * </pre>
 */
public final class TrainOnImageFolder {

    private TrainOnImageFolder() {}

    /**
     * Trains and exports.
     *
     * @param images the image folder
     * @param out the output folder (checkpoints, metrics.jsonl, model.onnx)
     * @param steps training steps
     * @param heldOutIdentities identities kept out of training for evaluation
     * @return the run's summary (with the held-out evaluation)
     * @throws Exception if data cannot be read or training fails
     */
    public static TrainingSummary train(Path images, Path out, int steps, int heldOutIdentities) throws Exception {
        try (FaceDataset data = Datasets.open(images)) {
            IdentitySplit split = IdentitySplit.holdOutLast(data, heldOutIdentities);
            TrainingConfig config = TrainingConfig.builder().setSpec(Presets.get("mobilefacenet-tiny")).setSteps(steps)
                    .optLoss("arcnegface").optBatchSize(32).optLearningRate(0.1).optSchedule("cosine").optSeed(1).build();
            try (Trainer trainer = Trainer.builder().setConfig(config).setTrainingSet(split.train())
                    .optHeldOutSet(split.heldOut()).optOutputDir(out).build()) {
                TrainingSummary summary = trainer.train();
                trainer.exportOnnx(out.resolve("model.onnx"));
                return summary;
            }
        }
    }

    /**
     * Entry point.
     *
     * @param args image folder, output folder, optional steps (default 60)
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainOnImageFolder IMAGE_DIR OUT_DIR [STEPS]");
            System.exit(2);
        }
        TrainingSummary s = train(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 60, 10);
        System.out.printf("steps %d, final loss %.4f, training accuracy %.3f%n", s.steps(), s.loss(), s.accuracy());
        for (EvaluationResult e : s.evaluations()) {
            System.out.println("held-out " + e.tarByFar());
        }
        System.out.println("model: " + Path.of(args[1]).resolve("model.onnx"));
    }
}
