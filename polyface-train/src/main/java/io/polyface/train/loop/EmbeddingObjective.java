package io.polyface.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.polyface.train.data.HostBatch;

import java.util.Map;

/**
 * A training objective on the network's embeddings that the {@link Trainer} evaluates instead of (or besides)
 * the margin loss — e.g. knowledge distillation against a teacher's embeddings
 * ({@code io.polyface.train.distill}). Set with {@link TrainerBuilder#optObjective}.
 *
 * <p>Per step and shard the trainer calls {@link #loss} inside its gradient recording; the step's loss is
 * {@code objective + marginWeight · margin loss} (the margin head is not evaluated when {@link #marginWeight()}
 * is 0, and then the training set may have a single class, e.g. unlabelled images). Extra trainable arrays
 * (a projection) are created by {@link #initialize}, optimised with the class centres' group and checkpointed
 * with them in the head archive, so a resumed run continues exactly. They are not part of the network and
 * are therefore not exported.
 */
public interface EmbeddingObjective extends AutoCloseable {

    /**
     * Creates the objective's own trainable parameters (called once, with the engine's seeded generator).
     *
     * @param manager the manager owning them
     * @param embeddingSize the network's embedding size {@code d}
     * @return the parameters by stable checkpoint name (empty if none)
     */
    Map<String, Parameter> initialize(NDManager manager, int embeddingSize);

    /**
     * The objective's loss of one shard (a scalar, differentiable in the embeddings).
     *
     * @param embeddings the shard's embeddings {@code [to − from, d]} (training mode, under gradient recording)
     * @param batch the whole step's batch as it was fed to the network (augmented, normalised pixels)
     * @param from the shard's first row in the batch
     * @param to one past the shard's last row
     * @param manager the step's manager
     * @return the scalar loss
     */
    NDArray loss(NDArray embeddings, HostBatch batch, int from, int to, NDManager manager);

    /**
     * Called with each training batch as soon as the loader has prepared it, ahead of its step (on a loader thread,
     * while the trainer may be running an earlier step): an objective may start work on it on its own threads, e.g.
     * the teacher's forward pass, so that {@link #loss} does not wait for it. Whatever it starts must give exactly
     * what {@link #loss} would compute without it. Must be quick and thread-safe. Default: nothing.
     *
     * @param batch the batch of a coming step (not to be changed)
     */
    default void prepare(HostBatch batch) {
    }

    /** Releases the objective's threads; the {@link Trainer} calls it when it is closed. Default: nothing. */
    @Override
    default void close() {
    }

    /** @return the weight {@code λ} of the margin loss added to the objective (0: the margin loss is not evaluated) */
    double marginWeight();
}
