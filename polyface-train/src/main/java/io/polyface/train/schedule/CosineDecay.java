package io.polyface.train.schedule;

import io.polyface.core.util.OrderedMaps;

import java.util.Map;

/**
 * Cosine decay (Loshchilov and Hutter, "SGDR", ICLR 2017, Eq. 5, without restarts) from 1 at
 * {@code start} to {@code minFactor} at {@code end}:
 * {@code factor(t) = m + (1 − m)·(1 + cos(π·(t − start)/(end − start)))/2}, clamped to 1 before
 * {@code start} and {@code m} after {@code end}.
 *
 * @param start first decaying step (the end of warm-up), ≥ 0
 * @param end step where the factor reaches {@code minFactor}, &gt; start
 * @param minFactor {@code m} in [0, 1]
 */
public record CosineDecay(long start, long end, double minFactor) implements LearningRateSchedule {

    /** @throws IllegalArgumentException if the range is empty or {@code m} is out of [0, 1] */
    public CosineDecay {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("cosine decay needs 0 <= start < end, got start " + start + ", end " + end);
        }
        if (!(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("cosine decay min factor must be in [0, 1], got " + minFactor);
        }
    }

    @Override
    public double factor(long step) {
        double x = Math.min(1, Math.max(0, (double) (step - start) / (end - start)));
        return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * x));
    }

    @Override
    public Map<String, Object> describe() {
        return OrderedMaps.of("kind", "cosine", "start", start, "end", end, "min_factor", minFactor);
    }
}
