package io.polyface.train.schedule;

import io.polyface.core.util.OrderedMaps;

import java.util.Map;

/**
 * Polynomial decay (InsightFace {@code arcface_torch}'s {@code PolyScheduler}, power 2 there) from 1 at
 * {@code start} to {@code minFactor} at {@code end}:
 * {@code factor(t) = m + (1 − m)·(1 − (t − start)/(end − start))^p}, clamped to 1 before {@code start}
 * and {@code m} after {@code end}.
 *
 * @param start first decaying step, ≥ 0
 * @param end step where the factor reaches {@code minFactor}, &gt; start
 * @param power {@code p} &gt; 0
 * @param minFactor {@code m} in [0, 1]
 */
public record PolynomialDecay(long start, long end, double power, double minFactor) implements LearningRateSchedule {

    /** @throws IllegalArgumentException if the range is empty or a setting is out of range */
    public PolynomialDecay {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("polynomial decay needs 0 <= start < end, got start " + start + ", end " + end);
        }
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("polynomial decay power must be finite and > 0, got " + power);
        }
        if (!(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("polynomial decay min factor must be in [0, 1], got " + minFactor);
        }
    }

    @Override
    public double factor(long step) {
        double x = Math.min(1, Math.max(0, (double) (step - start) / (end - start)));
        return minFactor + (1 - minFactor) * Math.pow(1 - x, power);
    }

    @Override
    public Map<String, Object> describe() {
        return OrderedMaps.of("kind", "poly", "start", start, "end", end, "power", power, "min_factor", minFactor);
    }
}
