package io.polyface.train.schedule;

import java.util.Arrays;
import java.util.Locale;

/**
 * Builds a schedule from its name and the run length: {@code constant}, {@code step} (milestones),
 * {@code cosine} or {@code poly}, each optionally behind a linear warm-up of {@code W} steps; decays
 * run from {@code W} to the last step; the warm-up starts at {@code 1/W} of the rate.
 */
public final class Schedules {

    private Schedules() {}

    /**
     * @param kind {@code constant}, {@code step}, {@code cosine} or {@code poly}
     * @param totalSteps the run's length {@code T} (the decays reach their floor at {@code T})
     * @param warmupSteps {@code W}, 0 for none, below {@code T}
     * @param milestones the milestones of {@code step} (ignored otherwise); empty means {@code 0.6·T, 0.85·T}
     * @param gamma the factor per milestone of {@code step}
     * @param power the exponent of {@code poly}
     * @param minFactor the floor of {@code cosine} and {@code poly}
     * @return the schedule
     * @throws IllegalArgumentException for an unknown kind or inconsistent settings, naming them
     */
    public static LearningRateSchedule create(String kind, long totalSteps, long warmupSteps, long[] milestones,
                                              double gamma, double power, double minFactor) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("schedule needs at least one step, got " + totalSteps);
        }
        if (warmupSteps < 0 || (warmupSteps > 0 && warmupSteps >= totalSteps)) {
            throw new IllegalArgumentException("warm-up steps must be in [0, " + totalSteps + ") for a run of " + totalSteps
                    + " steps, got " + warmupSteps);
        }
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        LearningRateSchedule decay = switch (k) {
            case "constant" -> new ConstantSchedule();
            case "step" -> {
                long[] m = milestones == null || milestones.length == 0
                        ? Arrays.stream(new long[] {Math.round(0.6 * totalSteps), Math.round(0.85 * totalSteps)})
                                .filter(s -> s > warmupSteps && s < totalSteps).distinct().toArray()
                        : milestones;
                yield new StepDecay(m, gamma);
            }
            case "cosine" -> new CosineDecay(warmupSteps, totalSteps, minFactor);
            case "poly", "polynomial" -> new PolynomialDecay(warmupSteps, totalSteps, power, minFactor);
            default -> throw new IllegalArgumentException("unknown learning-rate schedule '" + kind
                    + "'; expected constant, step, cosine or poly");
        };
        return warmupSteps == 0 ? decay : new Warmup(warmupSteps, 1.0 / warmupSteps, decay);
    }
}
