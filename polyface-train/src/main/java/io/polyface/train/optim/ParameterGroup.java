package io.polyface.train.optim;

/**
 * A set of parameters that share optimiser settings: a learning-rate multiplier (applied to the
 * scheduled base rate) and an L2 weight-decay coefficient.
 *
 * @param name the group's name, e.g. {@code backbone}, {@code backbone-no-decay}, {@code head}
 * @param learningRateMultiplier factor on the scheduled learning rate, ≥ 0
 * @param weightDecay L2 coefficient λ added to the gradient as {@code λ·w}, ≥ 0
 */
public record ParameterGroup(String name, double learningRateMultiplier, double weightDecay) {

    /** @throws IllegalArgumentException if a value is negative or not finite, or the name is blank */
    public ParameterGroup {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter group needs a name");
        }
        if (!(learningRateMultiplier >= 0) || Double.isInfinite(learningRateMultiplier)) {
            throw new IllegalArgumentException("group '" + name + "': learning-rate multiplier must be finite and >= 0, got "
                    + learningRateMultiplier);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("group '" + name + "': weight decay must be finite and >= 0, got " + weightDecay);
        }
    }
}
