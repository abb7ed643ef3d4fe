package io.polyface.train.recipe;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.Presets;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.loop.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class RecipeTest {

    static final List<String> SHIPPED = RecipeJson.SHIPPED;

    @ParameterizedTest
    @FieldSource("SHIPPED")
    void everyShippedRecipeRoundTripsExactly(String name) {
        String text = RecipeJson.shippedText(name);
        Recipe recipe = RecipeJson.read(text, name);
        assertThat(RecipeJson.write(recipe)).isEqualTo(text);                       // JSON -> record -> JSON: same text
        assertThat(RecipeJson.read(RecipeJson.write(recipe), "again")).isEqualTo(recipe); // record -> JSON -> record: equal
        assertThat(RecipeJson.load(name)).isEqualTo(recipe);
        // every shipped recipe builds a valid configuration (on the CPU: the paper recipes name GPUs)
        Recipe onCpu = RecipeJson.override(recipe, List.of(new RecipeJson.FieldOverride("test", "run.devices", "cpu")));
        TrainingConfig config = onCpu.toConfig(5_000_000); // DeepGlint-sized: 5M images
        assertThat(config.spec().name()).isEqualTo(recipe.model().arch());
        assertThat(config.batchSize()).isEqualTo(recipe.data().batchSize());
    }

    @Test
    void smallDataIsTheTrainingConfigDefaultsTunedForSmallData() {
        // the builder keeps InsightFace's large-data defaults; small-data departs from them only where measured on ORL
        // (README, Training, "Defaults on small data"): batch 32, a 512-d embedding, margin 0.3, the class-count scale
        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        Recipe r = RecipeJson.shipped("small-data");
        assertThat(r.toConfig(spec, 123)).isEqualTo(TrainingConfig.builder().setSpec(spec).setSteps(123).optBatchSize(32)
                .optLossOptions(Map.of("margin", "0.3")).build());
        assertThat(r.toConfig(spec, 123, 30)).isEqualTo(TrainingConfig.builder().setSpec(spec).setSteps(123).optBatchSize(32)
                .optLossOptions(Map.of("margin", "0.3", "scale", Double.toString(ScaleRule.forClasses(30)))).build());
        assertThat(r.model().embedding()).isEqualTo(512);
        assertThat(r.model().resolve().embeddingSize()).isEqualTo(512);
        assertThat(r.run().epochs()).isEqualTo(10L);
        // 300 images at batch 32: 10 steps per epoch (9 full batches and the rest), 10 epochs
        assertThat(r.toConfig(300).steps()).isEqualTo(100);
    }

    @Test
    void demoRecipeGivesTheDemosFormerConfiguration() {
        ArchSpec spec = Presets.get("mobilefacenet-tiny");
        TrainingConfig former = TrainingConfig.builder().setSpec(spec).setSteps(400).optLoss("arcnegface")
                .optBatchSize(32).optLearningRate(0.1).optSchedule("cosine").optWarmupSteps(Math.max(1, 400 / 20)).optSeed(7)
                .optEvalEvery(0).optEvalFars(List.of(1e-4, 1e-3, 1e-2, 1e-1)).build();
        Recipe demo = RecipeJson.shipped("demo");
        assertThat(demo.toConfig(spec, demo.run().steps())).isEqualTo(former);
        assertThat(demo.data().heldOutIdentities()).isEqualTo(12);
    }

    @Test
    void paperRecipeCarriesThePapersLoss() {
        Recipe p = RecipeJson.shipped("paper-deepglint-30g");
        assertThat(p.model().arch()).isEqualTo("efficient-polyface");
        assertThat(p.loss().name()).isEqualTo("arcnegface");
        assertThat(p.loss().scale()).isEqualTo(AutoNumber.of(64));
        assertThat(p.loss().lossOptions()).containsEntry("margin", "0.5").containsEntry("scale", "64.0")
                .containsEntry("label-smoothing", "0.1");
        assertThat(p.schedule()).isEqualTo(new ScheduleRecipe.Step(2000, List.of(100000L, 160000L), 0.1));
        TrainingConfig c = RecipeJson.override(p, List.of(new RecipeJson.FieldOverride("test", "run.devices", "cpu")))
                .toConfig(Presets.get("efficient-polyface"), 200_000);
        assertThat(c.partialFcAuto()).isTrue();
        assertThat(c.milestones()).containsExactly(100000, 160000);
        assertThat(RecipeJson.shipped("paper-iqiyi-24g").model().arch()).isEqualTo("polyface");
    }

    @Test
    void autoStaysAutoAndNumbersKeepTheirText() {
        Recipe r = RecipeJson.shipped("small-data");
        assertThat(r.loss().scale().isAuto()).isTrue();
        assertThat(RecipeJson.write(r)).contains("\"scale\": \"auto\"", "\"workers\": \"auto\"", "\"memory_budget_bytes\": \"auto\"");
        assertThat(r.toConfig(Presets.get("mobilefacenet-tiny"), 5).lossOptions()).doesNotContainKey("scale");
        Recipe big = RecipeJson.override(r, List.of(new RecipeJson.FieldOverride("test", "loss.memory_budget_bytes",
                AutoNumber.of(21474836480.0))));
        assertThat(RecipeJson.write(big)).contains("\"memory_budget_bytes\": 21474836480");
        assertThat(big.toConfig(Presets.get("mobilefacenet-tiny"), 5).memoryBudgetBytes()).isEqualTo(21474836480L);
    }

    @Test
    void overridesReplaceFieldsAndRefuseUnknownOnes() {
        Recipe r = RecipeJson.shipped("small-data");
        Recipe o = RecipeJson.override(r, List.of(
                new RecipeJson.FieldOverride("--lr", "optimizer.learning_rate", 0.05),
                new RecipeJson.FieldOverride("--schedule", "schedule", ScheduleRecipe.defaults("step", 0)),
                new RecipeJson.FieldOverride("--gamma", "schedule.gamma", 0.5),
                new RecipeJson.FieldOverride("--loss-opt", "loss.options.margin", 0.3)));
        assertThat(o.optimizer().learningRate()).isEqualTo(0.05);
        assertThat(o.schedule()).isEqualTo(new ScheduleRecipe.Step(0, List.of(), 0.5));
        assertThat(o.loss().options()).isEqualTo(Map.of("margin", 0.3));
        assertThat(o.data()).isEqualTo(r.data());
        assertThatThrownBy(() -> RecipeJson.override(r, List.of(new RecipeJson.FieldOverride("--gamma", "schedule.gamma", 0.5))))
                .hasMessage("--gamma does not apply: the recipe has no field 'schedule.gamma' (its schedule is cosine)");
        assertThatThrownBy(() -> RecipeJson.override(r, List.of(new RecipeJson.FieldOverride("--batch", "data.batch_size", "x"))))
                .hasMessageStartingWith("the recipe with --batch: field 'data.batch_size': wrong type, expected an integer");
    }

    /**
     * One field of the shipped small-data recipe spoilt ({@code from} replaced by {@code to}) and the error it must give:
     * the whole message, or its start where the rest lists names.
     */
    record BadField(String from, String to, String error, boolean wholeMessage) {
        @Override
        public String toString() {
            return to;
        }
    }

    static final List<BadField> BAD_FIELDS = List.of(
            new BadField("\"learning_rate\"", "\"learning_rat\"",
                    "r.json: unknown field 'optimizer.learning_rat'; expected one of backbone_learning_rate_multiplier", false),
            new BadField("\"batch_size\": 32", "\"batch_size\": \"32\"",
                    "r.json: field 'data.batch_size': wrong type, expected an integer", false),
            new BadField("\"batch_size\": 32", "\"batch_size\": 32.5",
                    "r.json: field 'data.batch_size': wrong type, expected an integer", false),
            new BadField("\"nesterov\": false", "\"nesterov\": 0",
                    "r.json: field 'optimizer.nesterov': wrong type, expected true or false", false),
            new BadField("\"scale\": \"auto\"", "\"scale\": \"big\"",
                    "r.json: field 'loss.scale': expected a number or \"auto\", got \"big\"", false),
            new BadField("\"kind\": \"cosine\"", "\"kind\": \"linear\"",
                    "r.json: field 'schedule.kind': unknown kind 'linear'; expected one of constant, step, cosine, poly", true),
            new BadField("\"keep\": 3", "\"kept\": 3", "r.json: unknown field 'checkpointing.kept'", false),
            new BadField("\"epochs\": 10", "\"epochs\": null",
                    "r.json: field 'run': give exactly one of steps and epochs", false),
            new BadField("\"augmentation\": \"flip\"", "\"augmentation\": null",
                    "r.json: field 'data': 'augmentation' must not be null", true));

    @ParameterizedTest
    @FieldSource("BAD_FIELDS")
    void badFieldsNameTheSourceAndTheField(BadField bad) {
        String good = RecipeJson.shippedText("small-data");
        String text = good.replace(bad.from(), bad.to());
        assertThat(text).as("the shipped recipe holds %s", bad.from()).isNotEqualTo(good);
        Throwable error = catchThrowable(() -> RecipeJson.read(text, "r.json"));
        assertThat(error).isInstanceOf(IllegalArgumentException.class);
        if (bad.wholeMessage()) {
            assertThat(error).hasMessage(bad.error());
        } else {
            assertThat(error).hasMessageStartingWith(bad.error());
        }
    }

    @Test
    void badRecipesNameTheSource() {
        assertThatThrownBy(() -> RecipeJson.read("{ \"model\": ", "r.json")).hasMessageStartingWith("r.json: not valid JSON");
        assertThatThrownBy(() -> RecipeJson.load("no-such-recipe"))
                .hasMessage("recipe 'no-such-recipe' is neither a file nor a shipped recipe; shipped: small-data, demo, "
                        + "paper-deepglint-30g, paper-iqiyi-24g");
    }

    @Test
    void missingFieldIsNamed() {
        String good = RecipeJson.shippedText("small-data");
        String noKeep = good.replace(",\n    \"keep\": 3", "");
        assertThat(noKeep).isNotEqualTo(good);
        assertThatThrownBy(() -> RecipeJson.read(noKeep, "r.json")).hasMessage("r.json: missing field 'checkpointing.keep'");
    }

    @ParameterizedTest
    @FieldSource("SHIPPED")
    void aConfigurationGivesItsRecipeBack(String name) {
        // fixed length and workers: fromConfig returns steps and the worker count used
        Recipe r = RecipeJson.override(RecipeJson.shipped(name), List.of(
                new RecipeJson.FieldOverride("test", "run.devices", "cpu"),
                new RecipeJson.FieldOverride("test", "run.steps", 200_000),
                new RecipeJson.FieldOverride("test", "run.epochs", null),
                new RecipeJson.FieldOverride("test", "data.workers", AutoNumber.of(3)),
                new RecipeJson.FieldOverride("test", "description", "from a TrainingConfig")));
        TrainingConfig config = r.toConfig(1000);
        Recipe back = Recipe.fromConfig(config, r.model(), r.data().augmentation(), r.data().heldOutIdentities());
        assertThat(back).isEqualTo(r);
        assertThat(RecipeJson.write(back)).isEqualTo(RecipeJson.write(r));
    }

    @Test
    void augmentationTextIsTheCommandLinesForm() {
        Recipe r = RecipeJson.shipped("small-data");
        assertThat(r.toConfig(Presets.get("mobilefacenet-tiny"), 1).augmentation()).isEqualTo(AugmentationPipeline.parse("flip"));
    }
}
