package io.polyface.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.polyface.train.optim.GradientClipping;
import io.polyface.train.optim.Sgd;
import io.polyface.train.optim.TrainableParameter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The update half of a training step: the global gradient norm, clipping when configured, {@link Sgd}
 * with the step's rate, then zeroed gradients.
 */
final class GradientUpdate {

    private GradientUpdate() {}

    /**
     * @param trainable the trainable parameters (their gradients are attached to the step's manager)
     * @param sgd the optimiser
     * @param clipNorm the global-norm clipping threshold (0 for none)
     * @param stepManager the step's manager
     * @param step the step (for messages)
     * @param lr the step's learning rate
     * @param loss the step's loss (for messages)
     * @param lastCheckpoint the last checkpoint (for messages)
     * @return the global gradient norm before clipping
     * @throws NonFiniteLossException if the norm is NaN or infinite (nothing is applied; the gradients are zeroed)
     */
    static double apply(List<TrainableParameter> trainable, Sgd sgd, double clipNorm, NDManager stepManager, long step, double lr,
                        double loss, Path lastCheckpoint) {
        List<NDArray> gradients = new ArrayList<>(trainable.size());
        for (TrainableParameter p : trainable) {
            NDArray g = p.parameter().getArray().getGradient();
            g.attach(stepManager);
            gradients.add(g);
        }
        double gradNorm = GradientClipping.globalNorm(gradients, stepManager);
        if (!Double.isFinite(gradNorm)) {
            zero(gradients);
            throw new NonFiniteLossException("gradient norm is " + gradNorm + " (loss " + loss + ")", step, lr, lastCheckpoint);
        }
        if (clipNorm > 0) {
            GradientClipping.clip(gradients, gradNorm, clipNorm);
        }
        for (int i = 0; i < trainable.size(); i++) {
            sgd.update(trainable.get(i), gradients.get(i), lr);
        }
        zero(gradients);
        return gradNorm;
    }

    private static void zero(List<NDArray> gradients) {
        for (NDArray g : gradients) {
            g.subi(g);
        }
    }
}
