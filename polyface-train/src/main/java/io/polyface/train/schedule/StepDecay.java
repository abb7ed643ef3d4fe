package io.polyface.train.schedule;

import io.polyface.core.util.OrderedMaps;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Step decay (PyTorch's {@code MultiStepLR}; the ArcFace recipe divides by 10 at fixed steps):
 * {@code factor(t) = γ^k} with {@code k} the number of milestones {@code ≤ t}.
 *
 * @param milestones the steps at which the rate drops, strictly increasing, each ≥ 1
 * @param gamma the factor per milestone, in (0, 1]
 */
public record StepDecay(long[] milestones, double gamma) implements LearningRateSchedule {

    /** @throws IllegalArgumentException if the milestones are not increasing and positive or γ is out of range */
    public StepDecay {
        milestones = milestones.clone();
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("step decay milestones must be positive and strictly increasing, got "
                        + Arrays.toString(milestones));
            }
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step decay gamma must be in (0, 1], got " + gamma);
        }
    }

    @Override
    public long[] milestones() {
        return milestones.clone();
    }

    @Override
    public double factor(long step) {
        int k = 0;
        while (k < milestones.length && milestones[k] <= step) {
            k++;
        }
        return Math.pow(gamma, k);
    }

    @Override
    public Map<String, Object> describe() {
        return OrderedMaps.of("kind", "step", "milestones", Arrays.stream(milestones).boxed().toList(), "gamma", gamma);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepDecay s && Arrays.equals(s.milestones, milestones) && s.gamma == gamma;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(milestones) + Double.hashCode(gamma);
    }

    @Override
    public String toString() {
        return "StepDecay[milestones=" + List.of(Arrays.stream(milestones).boxed().toArray()) + ", gamma=" + gamma + "]";
    }
}
