package io.polyface.cli.common;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Progress lines on standard error for long work: step, rate and ETA, at most one line per ~2 seconds and
 * always the last.
 */
public final class Progress {

    private Progress() {}

    /**
     * @param err standard error
     * @param what prefix, e.g. {@code "polyface embed"}
     * @param unit what is counted, e.g. {@code "images"}
     * @return a (done, total) consumer printing progress
     */
    public static BiConsumer<Integer, Integer> printer(PrintWriter err, String what, String unit) {
        long start = System.nanoTime();
        long[] last = {0};
        return (done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] < 2_000_000_000L && done < total) {
                return;
            }
            last[0] = now;
            double s = (now - start) / 1e9;
            double rate = done / Math.max(s, 1e-9);
            double eta = rate > 0 ? (total - done) / rate : Double.NaN;
            err.printf(Locale.ROOT, "%s: %d/%d %s, %.1f %s/s, ETA %.0f s%n", what, done, total, unit, rate, unit, eta);
            err.flush();
        };
    }
}
