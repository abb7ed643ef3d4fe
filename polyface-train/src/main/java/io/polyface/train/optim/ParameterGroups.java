package io.polyface.train.optim;

import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts parameters into the optimiser's groups. Rule (the usual one for face recognition: InsightFace
 * and "Bag of Tricks for Image Classification", He et al., CVPR 2019, Sec. 3.1 "no bias decay"):
 * weight decay applies to {@link Parameter.Type#WEIGHT} parameters only — conv and linear weights and
 * the class centres — never to biases, batch-norm γ and β, or PReLU slopes; backbone and head get
 * their own learning-rate multipliers (anchor fine-tuning trains the backbone slower than the head).
 * Parameters that take no gradient (batch-norm running statistics) are not trainable and are left out.
 *
 * <p>Groups: {@code backbone} and {@code backbone-no-decay} at the backbone multiplier,
 * {@code head} and {@code head-no-decay} at the head multiplier.
 *
 * @param backboneLearningRateMultiplier factor on the base rate for the backbone, ≥ 0
 * @param headLearningRateMultiplier factor on the base rate for the head (class centres), ≥ 0
 * @param weightDecay λ of the decayed groups, ≥ 0
 */
public record ParameterGroups(double backboneLearningRateMultiplier, double headLearningRateMultiplier, double weightDecay) {

    private static final Set<Parameter.Type> DECAYED = Set.of(Parameter.Type.WEIGHT);

    /** @throws IllegalArgumentException if a value is negative or not finite */
    public ParameterGroups {
        new ParameterGroup("backbone", backboneLearningRateMultiplier, weightDecay);
        new ParameterGroup("head", headLearningRateMultiplier, weightDecay);
    }

    /**
     * Assigns groups.
     *
     * @param backbone the backbone's parameters by stable name, in order
     * @param head the head's parameters by stable name, in order
     * @return the trainable parameters, backbone first
     * @throws IllegalArgumentException if a name occurs in both maps
     */
    public List<TrainableParameter> assign(Map<String, Parameter> backbone, Map<String, Parameter> head) {
        ParameterGroup bd = new ParameterGroup("backbone", backboneLearningRateMultiplier, weightDecay);
        ParameterGroup bn = new ParameterGroup("backbone-no-decay", backboneLearningRateMultiplier, 0);
        ParameterGroup hd = new ParameterGroup("head", headLearningRateMultiplier, weightDecay);
        ParameterGroup hn = new ParameterGroup("head-no-decay", headLearningRateMultiplier, 0);
        List<TrainableParameter> out = new ArrayList<>();
        backbone.forEach((name, p) -> {
            if (head.containsKey(name)) {
                throw new IllegalArgumentException("parameter name '" + name + "' is used by both backbone and head");
            }
            if (p.requiresGradient()) {
                out.add(new TrainableParameter(name, p, decayed(p) ? bd : bn));
            }
        });
        head.forEach((name, p) -> {
            if (p.requiresGradient()) {
                out.add(new TrainableParameter(name, p, decayed(p) ? hd : hn));
            }
        });
        return List.copyOf(out);
    }

    /**
     * @param p a parameter
     * @return whether the rule decays it
     */
    public static boolean decayed(Parameter p) {
        return DECAYED.contains(p.getType());
    }
}
