package io.polyface.bench.routes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark states set up outside JMH (the peer runner, the short suite's paired ratios), released together in the
 * reverse order of their set-up.
 */
public final class OwnedStates implements AutoCloseable {

    private final List<AutoCloseable> owned = new ArrayList<>();

    /**
     * @param <T> what is owned
     * @param state something set up, with its release as {@code release}
     * @param release releases it (e.g. the state's {@code tearDown})
     * @return {@code state}
     */
    public <T> T own(T state, AutoCloseable release) {
        owned.add(release);
        return state;
    }

    /**
     * @param <T> what is owned
     * @param closeable something set up that {@link AutoCloseable#close() closes}
     * @return {@code closeable}
     */
    public <T extends AutoCloseable> T own(T closeable) {
        return own(closeable, closeable);
    }

    /**
     * Releases everything owned, last set up first; the first failure is thrown after all were tried, later ones
     * suppressed by it.
     *
     * @throws IOException if a release fails (the failure as its cause, or itself when it is an IOException)
     */
    @Override
    public void close() throws IOException {
        Exception first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        owned.clear();
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first != null) {
            throw new IOException("cannot release a benchmark state: " + first, first);
        }
    }
}
