package io.polyface.train.schedule;

import java.util.Map;

/**
 * The learning rate as a factor of the base rate at each step (0-based): the rate of step {@code t} is
 * {@code baseRate × factor(t)}. A pure function of the step, so a resumed run only needs the step
 * (the schedule position) to continue exactly.
 */
public sealed interface LearningRateSchedule
        permits ConstantSchedule, StepDecay, CosineDecay, PolynomialDecay, Warmup {

    /**
     * @param step the training step, ≥ 0
     * @return the factor on the base learning rate
     */
    double factor(long step);

    /** @return the schedule's kind and settings, JSON-ready, for checkpoints and logs */
    Map<String, Object> describe();
}
