package io.polyface.core.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.polyface.core.util.Checks;

/**
 * The thread counts of DJL's PyTorch engine: intra-op threads (the OpenMP team that splits one operator, libtorch's
 * {@code at::set_num_threads}) and inter-op threads ({@code at::set_num_interop_threads}, the pool of
 * {@code torch.jit.fork}, which PolyFace never uses).
 *
 * <p>On a machine shared with other processes, the OpenMP runtime that libtorch ships (GNU libgomp) lets each thread
 * that waits at a barrier spin for about 300,000 iterations before it sleeps; with as many threads as cores that spinning
 * takes the cores a neighbour, a second run or the batch loader needs, and each step waits for the thread that was
 * descheduled. {@code bin/polyface} therefore starts the JVM with {@code OMP_WAIT_POLICY=PASSIVE} (unless
 * {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} is already set): libgomp reads it once, when libtorch is loaded,
 * so it cannot be set from Java. This class sets what can be set at run time.
 */
public final class TorchThreads {

    private TorchThreads() {}

    /**
     * Loads DJL's PyTorch engine if needed and sets its intra-op thread count; also sets one inter-op thread when the
     * inter-op pool has not started yet (libtorch refuses to change it afterwards, which is then left as it is).
     *
     * @param intraOp intra-op threads, ≥ 1
     * @return the intra-op thread count now in effect
     * @throws IllegalArgumentException if {@code intraOp < 1}
     */
    public static int apply(int intraOp) {
        Checks.requireAtLeast("threads", intraOp, 1);
        Engine.getEngine("PyTorch");
        try {
            if (JniUtils.getNumInteropThreads() != 1) {
                JniUtils.setNumInteropThreads(1);
            }
        } catch (RuntimeException alreadyStarted) {
            // libtorch: "cannot set number of interop threads after parallel work has started"; harmless
        }
        JniUtils.setNumThreads(intraOp);
        return JniUtils.getNumThreads();
    }
}
