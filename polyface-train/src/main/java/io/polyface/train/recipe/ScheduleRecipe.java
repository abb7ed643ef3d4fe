package io.polyface.train.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * The learning-rate schedule of a recipe, one record per kind; JSON form an object with {@code "kind"}
 * ({@code constant}, {@code step}, {@code cosine}, {@code poly}) and that kind's fields only. Every kind has
 * a linear warm-up of {@code warmup_steps} (0 = none); the decays are {@link io.polyface.train.schedule}'s.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScheduleRecipe.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = ScheduleRecipe.Step.class, name = "step"),
    @JsonSubTypes.Type(value = ScheduleRecipe.Cosine.class, name = "cosine"),
    @JsonSubTypes.Type(value = ScheduleRecipe.Poly.class, name = "poly")})
public sealed interface ScheduleRecipe {

    /** The names of the kinds, as in {@code --schedule}. */
    List<String> KINDS = List.of("constant", "step", "cosine", "poly");

    /** @return the kind's name (the JSON {@code "kind"}) */
    @JsonIgnore
    String kind();

    /** @return linear warm-up steps (0 = none) */
    long warmupSteps();

    /**
     * The default schedule of a kind (the one place those defaults live).
     *
     * @param kind one of {@link #KINDS}
     * @param warmupSteps warm-up steps
     * @return the schedule: step decay ×0.1 at 60% and 85% of the run, cosine and poly to 0, poly power 2
     * @throws IllegalArgumentException for an unknown kind
     */
    static ScheduleRecipe defaults(String kind, long warmupSteps) {
        return switch (kind) {
            case "constant" -> new Constant(warmupSteps);
            case "step" -> new Step(warmupSteps, List.of(), 0.1);
            case "cosine" -> new Cosine(warmupSteps, 0);
            case "poly" -> new Poly(warmupSteps, 2, 0);
            default -> throw new IllegalArgumentException("unknown schedule '" + kind + "'; expected one of " + KINDS);
        };
    }

    /**
     * Constant rate after the warm-up.
     *
     * @param warmupSteps warm-up steps
     */
    record Constant(long warmupSteps) implements ScheduleRecipe {
        @Override
        public String kind() {
            return "constant";
        }
    }

    /**
     * Step decay: the rate times {@code gamma} at each milestone.
     *
     * @param warmupSteps warm-up steps
     * @param milestones steps of the decays (empty = 60% and 85% of the run)
     * @param gamma factor per milestone
     */
    record Step(long warmupSteps, List<Long> milestones, double gamma) implements ScheduleRecipe {
        /** Copies the list. */
        public Step {
            Recipe.present("milestones", milestones);
            milestones = List.copyOf(milestones);
        }

        @Override
        public String kind() {
            return "step";
        }
    }

    /**
     * Cosine decay to {@code minLearningRateFactor}·η₀.
     *
     * @param warmupSteps warm-up steps
     * @param minLearningRateFactor floor as a fraction of η₀
     */
    record Cosine(long warmupSteps, double minLearningRateFactor) implements ScheduleRecipe {
        @Override
        public String kind() {
            return "cosine";
        }
    }

    /**
     * Polynomial decay {@code (1 − t/T)^power} to {@code minLearningRateFactor}·η₀.
     *
     * @param warmupSteps warm-up steps
     * @param power the exponent
     * @param minLearningRateFactor floor as a fraction of η₀
     */
    record Poly(long warmupSteps, double power, double minLearningRateFactor) implements ScheduleRecipe {
        @Override
        public String kind() {
            return "poly";
        }
    }
}
