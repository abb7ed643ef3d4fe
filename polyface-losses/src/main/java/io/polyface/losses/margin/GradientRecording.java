package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Tells whether the engine is recording gradients, i.e. whether a loss is being evaluated inside a
 * {@code GradientCollector} (a training step) rather than for validation or logging.
 *
 * <p>The stateful losses (running statistics of CurricularFace and AdaFace, the iteration count of
 * SphereFace's annealing) update their state only then. DJL has no engine-neutral query for this;
 * on the PyTorch engine (the only engine of this project) it is PyTorch's grad mode, which DJL's
 * gradient collector switches on for its lifetime. On any other engine every evaluation counts as
 * a training step.
 */
final class GradientRecording {

    private GradientRecording() {}

    static boolean isActive(NDArray any) {
        if ("PyTorch".equals(any.getManager().getEngine().getEngineName())) {
            return JniUtils.isGradMode();
        }
        return true;
    }
}
