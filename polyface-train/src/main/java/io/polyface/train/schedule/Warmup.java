package io.polyface.train.schedule;

import io.polyface.core.util.Checks;
import io.polyface.core.util.OrderedMaps;

import java.util.Map;

/**
 * Linear warm-up (Goyal et al., "Accurate, Large Minibatch SGD", 2017, Sec. 2.2, gradual warm-up) in
 * front of another schedule: for {@code t < W} the factor is
 * {@code (s + (1 − s)·t/W) × after(t)}, from the start factor {@code s} towards 1; from {@code W} on it
 * is {@code after(t)}. Decay schedules built by {@link Schedules} start decaying at {@code W}, so
 * {@code after(t) = 1} during warm-up.
 *
 * @param steps {@code W} ≥ 1
 * @param startFactor {@code s} in [0, 1]
 * @param after the schedule that follows
 */
public record Warmup(long steps, double startFactor, LearningRateSchedule after) implements LearningRateSchedule {

    /** @throws IllegalArgumentException if a setting is out of range */
    public Warmup {
        Checks.requireAtLeast("warm-up steps", steps, 1);
        if (!(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("warm-up start factor must be in [0, 1], got " + startFactor);
        }
        if (after == null) {
            throw new IllegalArgumentException("warm-up needs the schedule that follows it");
        }
    }

    @Override
    public double factor(long step) {
        double f = after.factor(step);
        if (step < steps) {
            f *= startFactor + (1 - startFactor) * ((double) step / steps);
        }
        return f;
    }

    @Override
    public Map<String, Object> describe() {
        return OrderedMaps.of("kind", "warmup", "steps", steps, "start_factor", startFactor, "after", after.describe());
    }
}
