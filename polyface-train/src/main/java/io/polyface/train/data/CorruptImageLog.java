package io.polyface.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the images that could not be read or decoded in non-strict mode and keeps the first few
 * reasons (location and message) for the report. Thread-safe.
 */
public final class CorruptImageLog {

    /** How many reasons are kept. */
    public static final int KEPT_REASONS = 20;

    private final AtomicLong count = new AtomicLong();
    private final List<String> reasons = new ArrayList<>();

    /**
     * Records one failure.
     *
     * @param location where the image lives
     * @param cause what went wrong
     */
    public void record(String location, Exception cause) {
        count.incrementAndGet();
        synchronized (reasons) {
            if (reasons.size() < KEPT_REASONS) {
                reasons.add(location + ": " + cause.getMessage());
            }
        }
    }

    /** @return the number of failures so far (an image seen in several epochs counts each time) */
    public long count() {
        return count.get();
    }

    /** @return the first {@value #KEPT_REASONS} reasons */
    public List<String> reasons() {
        synchronized (reasons) {
            return List.copyOf(reasons);
        }
    }
}
