package io.polyface.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a reader does with an image that cannot be read or decoded — missing or empty bytes, an unknown format, a
 * decoder error, or a decoder warning such as a truncated JPEG ({@link ImageDecoder}) — one policy shared by every
 * reader of a run (training batches, batch-norm recalibration, embedding, evaluation):
 * <ul>
 *   <li>{@linkplain #skipAndCount() skip and count} (the default): the image is left out wherever it is read, and
 *       counted; the first {@value #KEPT_REASONS} reasons are kept for the report;</li>
 *   <li>{@linkplain #strict() strict}: the first such image fails the read with a {@link CorruptImageException}
 *       naming it.</li>
 * </ul>
 * Thread-safe: loader threads report into one policy.
 */
public final class CorruptImagePolicy {

    /** How many reasons are kept. */
    public static final int KEPT_REASONS = 20;

    private final boolean strict;
    private final Set<String> images = ConcurrentHashMap.newKeySet();
    private final AtomicLong skips = new AtomicLong();
    private final List<String> reasons = new ArrayList<>();

    private CorruptImagePolicy(boolean strict) {
        this.strict = strict;
    }

    /** @return a new policy that fails on the first corrupt image */
    public static CorruptImagePolicy strict() {
        return new CorruptImagePolicy(true);
    }

    /** @return a new policy that skips and counts corrupt images */
    public static CorruptImagePolicy skipAndCount() {
        return new CorruptImagePolicy(false);
    }

    /**
     * @param strict whether to fail on the first corrupt image
     * @return {@link #strict()} or {@link #skipAndCount()}
     */
    public static CorruptImagePolicy of(boolean strict) {
        return strict ? strict() : skipAndCount();
    }

    /** @return whether the first corrupt image fails the read */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Handles an image that could not be read or decoded.
     *
     * @param location where it lives (file, or record file, byte offset and key)
     * @param cause what went wrong
     * @throws CorruptImageException in strict mode, naming the image; otherwise the image is counted and the caller
     *     leaves it out
     */
    public void reject(String location, Exception cause) throws CorruptImageException {
        if (strict) {
            throw cause instanceof CorruptImageException c ? c : new CorruptImageException(location, cause);
        }
        skips.incrementAndGet();
        if (images.add(location)) {
            synchronized (reasons) {
                if (reasons.size() < KEPT_REASONS) {
                    reasons.add(location + ": " + cause.getMessage());
                }
            }
        }
    }

    /** @return how many distinct images were skipped so far */
    public long count() {
        return images.size();
    }

    /** @return how many times an image was skipped (an image read in several epochs or passes counts each time) */
    public long skips() {
        return skips.get();
    }

    /** @return the reasons of the first {@value #KEPT_REASONS} distinct images skipped */
    public List<String> reasons() {
        synchronized (reasons) {
            return List.copyOf(reasons);
        }
    }
}
