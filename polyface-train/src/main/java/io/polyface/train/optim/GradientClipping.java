package io.polyface.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * Gradient clipping by global L2 norm (Pascanu, Mikolov and Bengio, "On the difficulty of training
 * recurrent neural networks", ICML 2013, Sec. 3.2, Algorithm 2; the rule of PyTorch's
 * {@code clip_grad_norm_}): with {@code ‖g‖} the L2 norm of all gradients together, every gradient is
 * scaled by {@code maxNorm / (‖g‖ + 1e-6)} when that factor is below 1.
 */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * The global L2 norm of several arrays, with one read-back.
     *
     * @param gradients the gradients (all on one device)
     * @param manager a scratch manager for the temporaries (e.g. the step's)
     * @return {@code sqrt(Σ ‖g_i‖²)}; NaN or infinite if a gradient is
     */
    public static double globalNorm(List<NDArray> gradients, NDManager manager) {
        if (gradients.isEmpty()) {
            return 0;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList squares = new NDList(gradients.size());
            for (NDArray g : gradients) {
                NDArray s = g.square().sum();
                s.attach(scope);
                squares.add(s);
            }
            NDArray total = NDArrays.stack(squares).sum().sqrt();
            total.attach(scope);
            return total.getFloat();
        }
    }

    /**
     * Clips in place.
     *
     * @param gradients the gradients, scaled in place when their norm exceeds {@code maxNorm}
     * @param norm their global norm ({@link #globalNorm})
     * @param maxNorm the largest norm kept, &gt; 0
     * @return the factor applied (1 when not clipped)
     * @throws IllegalArgumentException if {@code maxNorm} is not positive
     */
    public static double clip(List<NDArray> gradients, double norm, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("gradient clipping max norm must be > 0, got " + maxNorm);
        }
        double factor = maxNorm / (norm + 1e-6);
        if (factor >= 1) {
            return 1;
        }
        for (NDArray g : gradients) {
            g.muli(factor);
        }
        return factor;
    }
}
