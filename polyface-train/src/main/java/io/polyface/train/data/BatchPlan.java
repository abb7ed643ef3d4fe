package io.polyface.train.data;

/** Which dataset images make up the batch of each step. */
public interface BatchPlan {

    /**
     * @param step a step in {@code [0, steps())}
     * @return the dataset indices of that step's batch, in batch order
     */
    int[] indices(long step);

    /** @return the number of steps, or {@link Long#MAX_VALUE} for an endless plan */
    long steps();
}
