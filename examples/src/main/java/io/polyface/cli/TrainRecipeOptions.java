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
 * (their defaults are read from {@code small-data} by {@link TrainDefaults}, not restated); {@code --nesterov} and {@code --strict} can only switch
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
        // the options whose default is the default recipe's value set the field TrainDefaults names
        Option option = (name, value) -> given.put(name, TrainDefaults.PATHS.get(name), value);
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
        option.put("--regularface", () -> c.regularFace);
        option.put("--partial-fc", () -> auto("--partial-fc", c.partialFc));
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
        option.put("--batch", () -> c.step.batch);
        option.put("--lr", () -> c.step.lr);
        option.put("--backbone-lr-mult", () -> c.backboneLrMult);
        option.put("--head-lr-mult", () -> c.headLrMult);
        option.put("--momentum", () -> c.momentum);
        option.put("--weight-decay", () -> c.weightDecay);
        given.put("--nesterov", "optimizer.nesterov", () -> c.nesterov);
        option.put("--clip-grad-norm", () -> c.clip);
        if (parsed.hasMatchedOption("--schedule") && !c.schedule.equals(base.schedule().kind())) {
            o.add(new FieldOverride("--schedule", "schedule", ScheduleRecipe.defaults(c.schedule, base.schedule().warmupSteps())));
        }
        option.put("--warmup", () -> c.warmup);
        given.put("--milestones", "schedule.milestones", () -> c.milestones);
        option.put("--gamma", () -> c.gamma);
        option.put("--power", () -> c.power);
        option.put("--min-lr-factor", () -> c.minLrFactor);
        option.put("--augment", () -> c.augment);
        option.put("--holdout-ids", () -> c.holdoutIds);
        given.put("--workers", "data.workers", () -> AutoNumber.of(c.run.workers));
        given.put("--strict", "data.strict", () -> c.strict);
        option.put("--eval-every", () -> c.evalEvery);
        option.put("--far", () -> c.fars);
        option.put("--bn-recalibration", () -> c.bnRecalibration);
        option.put("--checkpoint-every", () -> c.run.checkpointEvery);
        option.put("--keep", () -> c.keep);
        option.put("--device", () -> c.device);
        option.put("--seed", () -> c.seed.value());
        given.put("--nchw", "run.channels_last", () -> !c.nchw);
        return o.isEmpty() ? base : RecipeJson.override(base, o);
    }

    @FunctionalInterface
    private interface Given {
        void put(String option, String path, Supplier<Object> value);
    }

    @FunctionalInterface
    private interface Option {
        void put(String option, Supplier<Object> value);
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
