package io.polyface.train.schedule;

import java.util.Map;

/** The base rate at every step: {@code factor(t) = 1}. */
public record ConstantSchedule() implements LearningRateSchedule {

    @Override
    public double factor(long step) {
        return 1;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("kind", "constant");
    }
}
