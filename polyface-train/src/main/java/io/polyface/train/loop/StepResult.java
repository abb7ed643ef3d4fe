package io.polyface.train.loop;

/**
 * The figures of one training step.
 *
 * @param step the step number (0-based; the step just taken)
 * @param epoch its epoch
 * @param loss the batch's loss (the regularised total when RegularFace is on)
 * @param accuracy top-1 training accuracy of the batch: the fraction of samples whose highest cosine
 *     (no margin) is their own class centre (among the sampled centres under Partial FC); NaN when the step evaluated
 *     no margin head (an {@link EmbeddingObjective} alone, e.g. distillation: its loss is then the objective's)
 * @param learningRate the scheduled base rate used (before group multipliers)
 * @param gradientNorm the global L2 norm of all gradients, before clipping
 * @param images the images in the batch
 * @param seconds wall time of the step, waiting for data included
 */
public record StepResult(long step, long epoch, double loss, double accuracy, double learningRate, double gradientNorm,
                         int images, double seconds) {}
