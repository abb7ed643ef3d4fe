package io.polyface.train.quality;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.polyface.core.nn.GradMode;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.util.Permutations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The plain epoch loop shared by the quality recipes ({@link QualityRegression}, {@link QanSetTraining}):
 * DJL's {@link Trainer} with {@link QualityNets#adam Adam}, each epoch one pass over the items in a seeded
 * random order, full batches only (batch normalisation needs more than one item), the mean batch loss of
 * each epoch recorded. The recipe supplies the block, the loss and how a batch is formed.
 */
final class QualityTrainingLoop {

    /**
     * The optimiser and sampling settings common to the recipes.
     *
     * @param epochs passes over the items, {@code >= 1}
     * @param learningRate Adam's learning rate
     * @param weightDecay L2 weight decay
     * @param flipAugmentation whether each crop is mirrored with probability ½
     * @param seed seed of the batch order and augmentation (the engine is seeded by the recipe)
     */
    record Settings(int epochs, float learningRate, float weightDecay, boolean flipAugmentation, long seed) {

        /** @return the random source for flips given to {@link QualityNets#tensor}, or null without flips */
        SplittableRandom flips(SplittableRandom random) {
            return flipAugmentation ? random : null;
        }

        /**
         * Appends the optimiser settings and the final loss to the provenance, after the recipe's own keys.
         */
        void describe(Map<String, String> provenance, List<Double> losses) {
            provenance.put("optimizer", "adam");
            provenance.put("learning_rate", Float.toString(learningRate));
            provenance.put("weight_decay", Float.toString(weightDecay));
            provenance.put("flip_augmentation", Boolean.toString(flipAugmentation));
            provenance.put("seed", Long.toString(seed));
            provenance.put("final_loss", Double.toString(losses.get(losses.size() - 1)));
        }
    }

    /** One training batch: the network inputs and the labels given to the loss. */
    record Batch(NDList input, NDList labels) {}

    /** Forms the batch of the items {@code order[start] .. order[start + batchSize - 1]}. */
    @FunctionalInterface
    interface BatchSource {
        Batch batch(NDManager manager, int[] order, int start, SplittableRandom random);
    }

    /** Adds the recipe's provenance keys, once the losses are known. */
    @FunctionalInterface
    interface Provenance {
        Map<String, String> describe(List<Double> losses);
    }

    private QualityTrainingLoop() {}

    /**
     * Trains {@code block} (which contains {@code net}'s block) and wraps the result; the model is closed
     * if anything fails.
     *
     * @param modelName the DJL model's name
     * @param net the quality network, initialised by its spec's rule
     * @param block the block trained (the network itself or a wrapper around it)
     * @param loss the training loss
     * @param settings optimiser and sampling settings
     * @param inputShapes shapes given to {@link Trainer#initialize}
     * @param items how many items (frames or tracks) an epoch passes over
     * @param batchSize items per step, at most {@code items}
     * @param source forms a batch
     * @param provenance the recipe's keys, given the losses; the common settings are appended
     * @return the trained network (the caller closes it)
     */
    static TrainedQualityNet train(String modelName, SpecNetwork net, Block block, Loss loss, Settings settings,
            Shape[] inputShapes, int items, int batchSize, BatchSource source, Provenance provenance) {
        Model model = Model.newInstance(modelName);
        boolean done = false;
        try {
            model.setBlock(block);
            net.initialize(model.getNDManager());
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(QualityNets.adam(settings.learningRate(), settings.weightDecay()));
            List<Double> losses = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(settings.seed());
            try (GradMode.Scope off = GradMode.off(); Trainer trainer = model.newTrainer(config)) { // any thread: GradMode
                trainer.initialize(inputShapes);
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    int[] order = Permutations.random(items, random);
                    double sum = 0;
                    int steps = 0;
                    // full batches only (batch normalisation needs more than one item); the order changes each epoch
                    for (int start = 0; start + batchSize <= order.length; start += batchSize) {
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            Batch batch = source.batch(m, order, start, random);
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList predictions = trainer.forward(batch.input());
                                NDArray value = trainer.getLoss().evaluate(batch.labels(), predictions);
                                sum += value.getFloat();
                                collector.backward(value);
                            }
                            trainer.step();
                        }
                        steps++;
                    }
                    losses.add(sum / steps);
                }
            }
            Map<String, String> described = provenance.describe(losses);
            settings.describe(described, losses);
            TrainedQualityNet result = new TrainedQualityNet(model, net, losses, described);
            done = true;
            return result;
        } finally {
            if (!done) {
                model.close();
            }
        }
    }

    /**
     * Checks the optimiser settings of a recipe's builder.
     *
     * @param learningRate Adam's learning rate
     * @param weightDecay L2 weight decay
     * @throws IllegalArgumentException unless {@code learningRate} is finite and {@code > 0} and {@code weightDecay}
     *     finite and {@code >= 0} (naming the setting and its value)
     */
    static void checkAdam(float learningRate, float weightDecay) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate " + learningRate + ": expected a finite value > 0");
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay " + weightDecay + ": expected a finite value >= 0");
        }
    }
}
