package io.polyface.cli;

import io.polyface.train.recipe.AutoNumber;
import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;
import io.polyface.train.recipe.RecipeJson.FieldOverride;
import io.polyface.train.recipe.ScheduleRecipe;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The effective recipe of {@code polyface train}: {@code --config FILE|NAME} (default {@code small-data}) with
 * each option given on the command line replacing its recipe field. Options left out keep the recipe's value
 * (their documented defaults are {@code small-data}'s); {@code --nesterov} and {@code --strict} can only switch
 * on, {@code --nchw} only off channels-last.
 */
final class TrainRecipeOptions {

    private TrainRecipeOptions() {}

    /**
     * @param c the parsed command
     * @param parsed its parse result (which options were given)
     * @return the recipe with the given options applied
     * @throws IllegalArgumentException for an unknown recipe, a bad recipe file (naming file and field) or an
     *     option that does not apply to the recipe (naming the option)
     */
    static Recipe effective(TrainCommand c, ParseResult parsed) {
        Recipe base = RecipeJson.load(c.config == null ? RecipeJson.DEFAULT : c.config);
        List<FieldOverride> o = new ArrayList<>();
        Given given = (name, path, value) -> {
            if (parsed.hasMatchedOption(name)) {
                o.add(new FieldOverride(name, path, value.get()));
            }
        };
        ArchOptions a = c.archOptions;
        given.put("--arch", "model.arch", () -> a.arch);
        given.put("--input", "model.input", () -> a.input);
        given.put("--resolution", "model.resolution", () -> a.resolution);
        given.put("--width", "model.width", () -> a.width);
        given.put("--depth", "model.depth", () -> a.depth);
        given.put("--embedding", "model.embedding", () -> a.embedding);
        given.put("--keep-prob", "model.keep_prob", () -> a.keepProb);
        given.put("--residual-scale", "model.residual_scale", () -> a.residualScale);
        given.put("--block-type", "model.block_type", () -> a.blockType);
        if (parsed.hasMatchedOption("--loss") && !c.loss.trim().toLowerCase(Locale.ROOT).equals(base.loss().name())) {
            o.add(new FieldOverride("--loss", "loss.name", c.loss.trim().toLowerCase(Locale.ROOT)));
            o.add(new FieldOverride("--loss", "loss.options", Map.of())); // another loss: the recipe's options do not apply
        }
        for (Map.Entry<String, String> e : c.lossOptions.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "scale" -> o.add(new FieldOverride("--loss-opt scale", "loss.scale", auto("--loss-opt scale", e.getValue())));
                case "label-smoothing" -> o.add(new FieldOverride("--loss-opt label-smoothing", "loss.label_smoothing",
                        number("--loss-opt label-smoothing", e.getValue())));
                default -> o.add(new FieldOverride("--loss-opt " + key, "loss.options." + key, Recipe.Loss.optionValue(e.getValue())));
            }
        }
        given.put("--label-smoothing", "loss.label_smoothing", () -> c.labelSmoothing);
        given.put("--regularface", "loss.regular_face_weight", () -> c.regularFace);
        given.put("--partial-fc", "loss.partial_fc", () -> auto("--partial-fc", c.partialFc));
        given.put("--memory-budget", "loss.memory_budget_bytes", () -> c.memoryBudget.trim().equalsIgnoreCase("auto")
                ? AutoNumber.AUTO : AutoNumber.of(TrainCommand.bytes(c.memoryBudget)));
        if (c.length != null && c.length.steps != null) {
            o.add(new FieldOverride("--steps", "run.steps", c.length.steps));
            o.add(new FieldOverride("--steps", "run.epochs", null));
        }
        if (c.length != null && c.length.epochs != null) {
            o.add(new FieldOverride("--epochs", "run.epochs", c.length.epochs));
            o.add(new FieldOverride("--epochs", "run.steps", null));
        }
        given.put("--batch", "data.batch_size", () -> c.batch);
        given.put("--lr", "optimizer.learning_rate", () -> c.lr);
        given.put("--backbone-lr-mult", "optimizer.backbone_learning_rate_multiplier", () -> c.backboneLrMult);
        given.put("--head-lr-mult", "optimizer.head_learning_rate_multiplier", () -> c.headLrMult);
        given.put("--momentum", "optimizer.momentum", () -> c.momentum);
        given.put("--weight-decay", "optimizer.weight_decay", () -> c.weightDecay);
        given.put("--nesterov", "optimizer.nesterov", () -> c.nesterov);
        given.put("--clip-grad-norm", "optimizer.gradient_clip_norm", () -> c.clip);
        if (parsed.hasMatchedOption("--schedule") && !c.schedule.equals(base.schedule().kind())) {
            o.add(new FieldOverride("--schedule", "schedule", ScheduleRecipe.defaults(c.schedule, base.schedule().warmupSteps())));
        }
        given.put("--warmup", "schedule.warmup_steps", () -> c.warmup);
        given.put("--milestones", "schedule.milestones", () -> c.milestones);
        given.put("--gamma", "schedule.gamma", () -> c.gamma);
        given.put("--power", "schedule.power", () -> c.power);
        given.put("--min-lr-factor", "schedule.min_learning_rate_factor", () -> c.minLrFactor);
        given.put("--augment", "data.augmentation", () -> c.augment);
        given.put("--holdout-ids", "data.held_out_identities", () -> c.holdoutIds);
        given.put("--workers", "data.workers", () -> AutoNumber.of(c.workers));
        given.put("--strict", "data.strict", () -> c.strict);
        given.put("--eval-every", "evaluation.every", () -> c.evalEvery);
        given.put("--far", "evaluation.fars", () -> c.fars);
        given.put("--bn-recalibration", "evaluation.bn_recalibration_batches", () -> c.bnRecalibration);
        given.put("--checkpoint-every", "checkpointing.every", () -> c.checkpointEvery);
        given.put("--keep", "checkpointing.keep", () -> c.keep);
        given.put("--device", "run.devices", () -> c.device);
        given.put("--seed", "run.seed", () -> c.seed.value());
        given.put("--nchw", "run.channels_last", () -> !c.nchw);
        return o.isEmpty() ? base : RecipeJson.override(base, o);
    }

    @FunctionalInterface
    private interface Given {
        void put(String option, String path, Supplier<Object> value);
    }

    private static AutoNumber auto(String option, String text) {
        return text.trim().equalsIgnoreCase("auto") ? AutoNumber.AUTO : AutoNumber.of(number(option, text));
    }

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number or 'auto', got '" + text + "'");
        }
    }
}
