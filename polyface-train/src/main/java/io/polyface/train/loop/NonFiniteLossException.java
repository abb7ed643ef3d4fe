package io.polyface.train.loop;

import java.nio.file.Path;

/**
 * Training stopped because the loss (or the gradient norm, or a parameter) became NaN or infinite.
 * Nothing of the failed step was applied and no checkpoint is written after it, so the last checkpoint
 * (if any) is the last good state.
 */
public final class NonFiniteLossException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The step at which it happened. */
    private final long step;
    /** The last good checkpoint, or null. */
    private final transient Path lastGoodCheckpoint;

    /**
     * @param what what was not finite, e.g. {@code "loss is NaN"}
     * @param step the step
     * @param learningRate the rate of that step
     * @param lastGoodCheckpoint the last checkpoint written, or null
     */
    public NonFiniteLossException(String what, long step, double learningRate, Path lastGoodCheckpoint) {
        super(what + " at step " + step + " (learning rate " + learningRate + "); training stopped, nothing of this step was applied; "
                + (lastGoodCheckpoint == null ? "no checkpoint had been written yet"
                        : "the last good checkpoint is " + lastGoodCheckpoint + " (resume from it with a lower learning rate or "
                        + "gradient clipping)"));
        this.step = step;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    /** @return the step at which training stopped */
    public long step() {
        return step;
    }

    /** @return the last good checkpoint, or null if none was written */
    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }
}
