package io.polyface.cli;

import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;
import io.polyface.train.recipe.RecipeJson.FieldOverride;
import io.polyface.train.recipe.ScheduleRecipe;

import java.util.List;
import java.util.Map;

/**
 * The defaults of {@code polyface train}'s recipe options: the {@value RecipeJson#DEFAULT} recipe's values (for
 * {@code --gamma} and {@code --power}, not fields of its cosine schedule, the step and poly schedules' defaults),
 * and the recipe field each option sets ({@link TrainRecipeOptions}).
 */
public final class TrainDefaults extends RecipeDefaultValues {

    static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("--loss", "loss.name"),
            Map.entry("--regularface", "loss.regular_face_weight"),
            Map.entry("--partial-fc", "loss.partial_fc"),
            Map.entry("--batch", "data.batch_size"),
            Map.entry("--lr", "optimizer.learning_rate"),
            Map.entry("--backbone-lr-mult", "optimizer.backbone_learning_rate_multiplier"),
            Map.entry("--head-lr-mult", "optimizer.head_learning_rate_multiplier"),
            Map.entry("--momentum", "optimizer.momentum"),
            Map.entry("--weight-decay", "optimizer.weight_decay"),
            Map.entry("--clip-grad-norm", "optimizer.gradient_clip_norm"),
            Map.entry("--schedule", "schedule.kind"),
            Map.entry("--warmup", "schedule.warmup_steps"),
            Map.entry("--gamma", "schedule.gamma"),
            Map.entry("--power", "schedule.power"),
            Map.entry("--min-lr-factor", "schedule.min_learning_rate_factor"),
            Map.entry("--augment", "data.augmentation"),
            Map.entry("--holdout-ids", "data.held_out_identities"),
            Map.entry("--eval-every", "evaluation.every"),
            Map.entry("--far", "evaluation.fars"),
            Map.entry("--bn-recalibration", "evaluation.bn_recalibration_batches"),
            Map.entry("--checkpoint-every", "checkpointing.every"),
            Map.entry("--keep", "checkpointing.keep"),
            Map.entry("--device", "run.devices"),
            Map.entry("--seed", "run.seed"));

    /** Reads the shipped recipe (picocli instantiates it for {@link TrainCommand}). */
    public TrainDefaults() {
        super(PATHS, RecipeJson.shipped(RecipeJson.DEFAULT), withSchedule("step"), withSchedule("poly"));
    }

    private static Recipe withSchedule(String kind) {
        Recipe base = RecipeJson.shipped(RecipeJson.DEFAULT);
        return RecipeJson.override(base, List.of(new FieldOverride("schedule defaults", "schedule",
                ScheduleRecipe.defaults(kind, base.schedule().warmupSteps()))));
    }
}
