package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link SequentialBlock} that closes each intermediate output as soon as the next child has consumed it, instead
 * of leaving it to the batch's {@code NDManager}. Same children, same parameter names and the same result as
 * {@code SequentialBlock}; only the lifetime of intermediates changes.
 *
 * <p>Safe under autograd: closing a DJL handle releases the Java side's reference to the PyTorch tensor; tensors
 * that the backward pass needs are held by the autograd graph's own references and stay alive until backward has
 * run. This holds for arrays whose memory PyTorch owns (the results of operations, which is what every
 * intermediate here is); an array created from Java data borrows a Java buffer that must outlive backward (see
 * {@link ScalarOps}), so it may only be an input. The block's input belongs to the caller and is never closed, nor is an array that a child passes through
 * unchanged (the same object in its output). Measured effect: lower resident memory and faster training steps on
 * CPU (see the README's performance section, {@code TrainStepBenchmark}).
 */
class ReleasingSequentialBlock extends SequentialBlock {

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList current = inputs;
        for (Block child : children.values()) {
            NDList next = child.forward(ps, current, training, params);
            if (current != inputs) {
                release(current, next);
            }
            current = next;
        }
        return current;
    }

    /** Closes the arrays of {@code consumed} that are neither in {@code produced} nor the block's caller's. */
    static void release(NDList consumed, NDList produced) {
        for (NDArray a : consumed) {
            if (!containsSame(produced, a)) {
                a.close();
            }
        }
    }

    private static boolean containsSame(NDList list, NDArray a) {
        for (NDArray b : list) {
            if (b == a) {
                return true;
            }
        }
        return false;
    }
}
