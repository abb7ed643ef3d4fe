package io.polyface.train.stop;

import java.nio.file.Path;

/**
 * Thrown by a job of several stages (e.g. the demo: training, then export, evaluation, aggregation)
 * when a {@link StopRequest} ends it early, after its training loop has written its checkpoint. The
 * command line reports it and exits with {@link #exitStatus()}.
 */
public final class StoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;
    private final transient Path checkpoint;

    /**
     * @param request the request that stopped the job (must be requested)
     * @param where where it stopped, e.g. {@code "after step 57 of 400"} or {@code "before the export"}
     * @param checkpoint the checkpoint to resume from, or null if there is none
     */
    public StoppedException(StopRequest request, String where, Path checkpoint) {
        super("stopped by " + request.cause() + " " + where + (checkpoint == null ? "" : "; checkpoint " + checkpoint));
        this.exitStatus = request.exitStatus();
        this.checkpoint = checkpoint;
    }

    /** @return the exit status that goes with the request (130 for SIGINT, 143 for SIGTERM) */
    public int exitStatus() {
        return exitStatus;
    }

    /** @return the checkpoint to resume from, or null */
    public Path checkpoint() {
        return checkpoint;
    }
}
