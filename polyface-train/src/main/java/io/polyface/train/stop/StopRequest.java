package io.polyface.train.stop;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop a long loop (training, distillation, ...) at its next step boundary: set once, from
 * any thread (a signal handler, a listener, a test), and polled by the loop, which then writes its
 * checkpoint and returns normally. Thread-safe.
 *
 * <p>The conventional exit status of a process stopped by a signal is {@code 128 + n} (130 for SIGINT,
 * 143 for SIGTERM); the request carries it so that the command line can exit with it after the loop has
 * wound down.
 */
public final class StopRequest {

    /** What stopped the loop and the exit status that goes with it. */
    private record Cause(String name, int exitStatus) {}

    private final AtomicReference<Cause> cause = new AtomicReference<>();

    /**
     * Requests the stop; only the first request counts.
     *
     * @param name what asked for it, e.g. {@code SIGTERM}
     * @param exitStatus the exit status a command should end with, e.g. {@code 143}
     * @return true if this was the first request
     */
    public boolean request(String name, int exitStatus) {
        return cause.compareAndSet(null, new Cause(name, exitStatus));
    }

    /** @return whether a stop has been requested */
    public boolean isRequested() {
        return cause.get() != null;
    }

    /** @return what asked for the stop (e.g. {@code SIGTERM}), or null if none did */
    public String cause() {
        Cause c = cause.get();
        return c == null ? null : c.name();
    }

    /**
     * @return the exit status that goes with the request (e.g. 143 for SIGTERM)
     * @throws IllegalStateException if no stop was requested
     */
    public int exitStatus() {
        Cause c = cause.get();
        if (c == null) {
            throw new IllegalStateException("no stop was requested");
        }
        return c.exitStatus();
    }
}
