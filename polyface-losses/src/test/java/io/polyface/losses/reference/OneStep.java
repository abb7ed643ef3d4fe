package io.polyface.losses.reference;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.polyface.losses.head.MarginHead;
import java.util.function.BiFunction;

/**
 * One plain SGD step through DJL's {@link Trainer}, as a training loop does it: forward with
 * labels, loss, backward inside a gradient collector, {@code trainer.step()}; then the loss of the
 * same batch with the updated parameters (evaluation forward, no gradient recording, so running
 * state stays as the step left it).
 */
public final class OneStep {

    /** The embeddings of the fixed batch, as the step saw them. */
    public static NDList data(Trainer trainer) {
        return new NDList(new FixedBatch().embeddings(trainer.getManager(), DataType.FLOAT32));
    }

    /** The loss in the step and the loss after it. */
    public record Result(double before, double after, double centreChange) {}

    private OneStep() {}

    /**
     * Runs one step on the fixed batch.
     *
     * @param block the head (a {@link MarginHead} or a block wrapping one)
     * @param head the head owning the centres, set to the fixed batch's centres
     * @param loss the loss
     * @param learningRate the SGD learning rate
     * @param afterLoss computes the loss after the step from (trainer, step predictions); null for
     *     {@code loss.evaluate(labels, trainer.evaluate(data))}
     * @return the loss in the step, after it, and the largest change of a centre coordinate
     */
    public static Result run(Block block, MarginHead head, Loss loss, float learningRate,
            BiFunction<Trainer, NDList, Double> afterLoss) {
        FixedBatch batch = new FixedBatch();
        try (Model model = Model.newInstance("one-sgd-step")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(FixedBatch.B, FixedBatch.D));
                Heads.setCentres(head, batch.centres(trainer.getManager(), DataType.FLOAT32));
                double[] w0 = Arrays2.toVector(head.getCentres().getArray());
                NDList data = new NDList(batch.embeddings(trainer.getManager(), DataType.FLOAT32));
                NDList labels = new NDList(FixedBatch.labels(trainer.getManager()));
                double before;
                NDList predictions;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    predictions = trainer.forward(data, labels);
                    NDArray value = trainer.getLoss().evaluate(labels, predictions);
                    before = Arrays2.scalar(value);
                    collector.backward(value);
                }
                trainer.step();
                double after = afterLoss == null
                        ? Arrays2.scalar(trainer.getLoss().evaluate(labels, trainer.evaluate(data)))
                        : afterLoss.apply(trainer, predictions);
                double[] w1 = Arrays2.toVector(head.getCentres().getArray());
                double change = 0;
                for (int k = 0; k < w0.length; k++) {
                    change = Math.max(change, Math.abs(w1[k] - w0[k]));
                }
                return new Result(before, after, change);
            }
        }
    }
}
