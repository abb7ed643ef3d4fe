package io.polyface.train.stop;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM ({@code kill}) into a {@link StopRequest} for as long as it is open,
 * instead of the JVM's default reaction.
 *
 * <p>Why: the JVM reacts to these signals by exiting at once — it runs the shutdown hooks and then the C
 * library's {@code exit()}, whose static destructors tear down libtorch's global state while the training
 * thread may still be inside a native call (a forward or {@code backward}); such a thread is not stopped
 * at a JVM safepoint, so it runs on into freed memory and the process dies with SIGSEGV (observed:
 * {@code at::accelerator::getAccelerator} from {@code PtGradientCollector.backward}, exit 134 and an
 * {@code hs_err_pid*.log}). A shutdown hook cannot prevent that: the hooks run concurrently with each
 * other while the process is already exiting, and whatever the training thread does after the hook
 * returns races the teardown. Replacing the signal handler does: no shutdown starts, the loop polls
 * {@link StopRequest#isRequested()} at its next step boundary, writes its checkpoint and returns, and
 * the program exits normally (with {@link StopRequest#exitStatus()}) once no thread is in native code.
 *
 * <p>A second signal of the same run means "now": the previous handlers are put back and the signal is
 * raised again, so the JVM exits at once as it would have without this class (no checkpoint, and the
 * native race above is possible again). Signals the JVM does not let Java handle (started with
 * {@code -Xrs}, or ignored by the parent process, as for background jobs of a non-interactive shell)
 * keep their behaviour (an ignored SIGINT stays ignored).
 *
 * <p>One instance at a time per JVM (signal handlers are process-wide); close it to restore the
 * previous handlers.
 */
public final class SignalStop implements AutoCloseable {

    /** The signals handled, by the JVM's names. */
    public static final List<String> SIGNALS = List.of("INT", "TERM");

    private final StopRequest request;
    private final Consumer<String> notice;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private boolean closed;

    private SignalStop(StopRequest request, Consumer<String> notice) {
        this.request = request;
        this.notice = notice;
    }

    /**
     * Installs the handlers.
     *
     * @param request the request the signals set
     * @param notice receives one line when the first signal arrives (what will happen), e.g. a printer
     *     to standard error
     * @return the installation (close it when the loop is over)
     */
    public static SignalStop install(StopRequest request, Consumer<String> notice) {
        SignalStop s = new SignalStop(request, notice);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                s.previous.put(signal, Signal.handle(signal, s::handle));
            } catch (IllegalArgumentException e) {
                // -Xrs: the JVM keeps the signal to itself, nothing to do
            }
        }
        return s;
    }

    private void handle(Signal signal) {
        String name = "SIG" + signal.getName();
        if (request.request(name, 128 + signal.getNumber())) {
            notice.accept(name + " received: stopping at the next step boundary (send it again to exit at once)");
        } else {
            close();
            Signal.raise(signal);
        }
    }

    /** Puts the previous handlers back. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            previous.forEach(Signal::handle);
        }
    }
}
