package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;
import io.polyface.train.recipe.AutoNumber;
import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;
import io.polyface.train.recipe.ScheduleRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code train --config} and {@code --print-config}: no data is opened, so these run in milliseconds. */
class TrainRecipeCommandTest {

    private static final String SMALL_DATA = RecipeJson.shippedText("small-data");

    @Test
    void withoutConfigTrainUsesSmallData() {
        CliRun run = CliTestSupport.run("train", "--print-config");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(SMALL_DATA);
        assertThat(CliTestSupport.run("train", "--config", "small-data", "--print-config").out()).isEqualTo(SMALL_DATA);
    }

    @Test
    void everyDocumentedOptionDefaultIsSmallDatasValue() {
        // passing an option's documented default explicitly must not change the recipe: the defaults are small-data's
        CommandLine.Model.CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        Set<String> notRecipe = Set.of("--metrics-every", "--gamma", "--power"); // gamma/power: not fields of a cosine schedule
        int checked = 0;
        TrainDefaults recipeDefaults = new TrainDefaults();
        for (OptionSpec o : train.options()) {
            String fromRecipe = recipeDefaults.defaultValue(o);
            String shown = fromRecipe != null ? fromRecipe : o.defaultValue(); // the provider's value wins, as in picocli
            if (shown == null || notRecipe.contains(o.longestName()) || o.longestName().equals("--help")
                    || o.longestName().equals("--version")) {
                continue;
            }
            assertThat(o.defaultValueString()).as(o.longestName()).isEqualTo(shown);
            CliRun run = CliTestSupport.run("train", "--print-config", o.longestName(), shown);
            assertThat(run.exitCode()).as(o.longestName() + ": " + run.err()).isZero();
            assertThat(run.out()).as(o.longestName() + " " + shown).isEqualTo(SMALL_DATA);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        CliRun step = CliTestSupport.run("train", "--print-config", "--schedule", "step", "--gamma", "0.1");
        assertThat(RecipeJson.read(step.out(), "out").schedule()).isEqualTo(ScheduleRecipe.defaults("step", 0));
        CliRun poly = CliTestSupport.run("train", "--print-config", "--schedule", "poly", "--power", "2");
        assertThat(RecipeJson.read(poly.out(), "out").schedule()).isEqualTo(ScheduleRecipe.defaults("poly", 0));
    }

    @Test
    void theOptionDefaultsAreReadFromTheRecipesNotRestated() {
        CommandLine.Model.CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        Recipe small = RecipeJson.shipped("small-data");
        for (String name : TrainDefaults.PATHS.keySet()) {
            OptionSpec o = train.findOption(name);
            assertThat(o).as(name).isNotNull();
            if (!name.equals("--seed")) { // --seed's literal 0 belongs to the shared SeedOption mixin; the recipe's value wins
                assertThat(o.defaultValue()).as(name + " restates a value in its annotation").isNull();
            }
        }
        assertThat(train.findOption("--batch").defaultValueString()).isEqualTo(Integer.toString(small.data().batchSize()));
        assertThat(train.findOption("--seed").defaultValueString()).isEqualTo(Long.toString(small.run().seed()));
        assertThat(CliTestSupport.run("train", "--help").out()).contains("(default: " + small.data().batchSize() + ")");

        Recipe demo = RecipeJson.shipped("demo");
        DemoCommand parsed = new DemoCommand();
        CommandLine demoLine = new CommandLine(parsed);
        demoLine.parseArgs();
        for (String name : DemoDefaults.PATHS.keySet()) {
            assertThat(demoLine.getCommandSpec().findOption(name).defaultValue()).as(name + " restates a value").isNull();
        }
        assertThat(parsed.holdout).isEqualTo(demo.data().heldOutIdentities());
        assertThat((long) parsed.steps).isEqualTo(demo.run().steps());
        assertThat(parsed.step.batch).isEqualTo(demo.data().batchSize());
        assertThat(parsed.step.lr).isEqualTo(demo.optimizer().learningRate());
        assertThat(parsed.seed).isEqualTo(demo.run().seed());
        assertThat(CliTestSupport.run("demo", "--help").out()).contains("(default: " + demo.run().steps() + ")");
    }

    @Test
    void printedRecipeFedBackPrintsIdentically(@TempDir Path dir) throws Exception {
        CliRun first = CliTestSupport.run("train", "--config", "paper-deepglint-30g", "--print-config", "--device", "cpu",
                "--lr", "0.05", "--steps", "300", "--arch", "iresnet18", "--embedding", "128", "--loss-opt", "margin=0.4,scale=32",
                "--workers", "2", "--milestones", "100,200", "--far", "0.01", "--nchw", "--holdout-ids", "10");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path file = dir.resolve("recipe.json");
        Files.writeString(file, first.out());
        CliRun second = CliTestSupport.run("train", "--config", file.toString(), "--print-config");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());

        Recipe r = RecipeJson.read(first.out(), "printed");
        Recipe paper = RecipeJson.shipped("paper-deepglint-30g");
        assertThat(r.optimizer().learningRate()).isEqualTo(0.05);
        assertThat(r.run().steps()).isEqualTo(300L);
        assertThat(r.run().epochs()).isNull();
        assertThat(r.run().devices()).isEqualTo("cpu");
        assertThat(r.run().channelsLast()).isFalse();
        assertThat(r.model().arch()).isEqualTo("iresnet18");
        assertThat(r.model().embedding()).isEqualTo(128);
        assertThat(r.loss().scale()).isEqualTo(AutoNumber.of(32));
        assertThat(r.loss().options()).isEqualTo(Map.of("margin", 0.4, "alpha", 1.2, "sigma", 2L));
        assertThat(r.data().workers()).isEqualTo(AutoNumber.of(2));
        assertThat(r.data().heldOutIdentities()).isEqualTo(10);
        assertThat(r.schedule()).isEqualTo(new ScheduleRecipe.Step(2000, List.of(100L, 200L), 0.1));
        assertThat(r.evaluation().fars()).containsExactly(0.01);
        // what was not given keeps the recipe's value
        assertThat(r.loss().labelSmoothing()).isEqualTo(paper.loss().labelSmoothing());
        assertThat(r.loss().partialFc()).isEqualTo(AutoNumber.AUTO);
        assertThat(r.checkpointing()).isEqualTo(paper.checkpointing());
        assertThat(r.optimizer().momentum()).isEqualTo(paper.optimizer().momentum());
    }

    @Test
    void anotherLossDropsTheRecipesLossOptions() {
        CliRun run = CliTestSupport.run("train", "--config", "paper-deepglint-30g", "--print-config", "--loss", "cosface");
        Recipe r = RecipeJson.read(run.out(), "printed");
        assertThat(r.loss().name()).isEqualTo("cosface");
        assertThat(r.loss().options()).isEmpty();
        assertThat(r.loss().scale()).isEqualTo(AutoNumber.of(64));
    }

    @Test
    void badRecipeFileExitsTwoNamingFileAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, SMALL_DATA.replace("\"momentum\"", "\"momentun\""));
        CliRun run = CliTestSupport.run("train", "--config", file.toString(), "--print-config");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString(), "unknown field 'optimizer.momentun'");

        Files.writeString(file, SMALL_DATA.replace("\"learning_rate\": 0.1", "\"learning_rate\": \"fast\""));
        run = CliTestSupport.run("train", "--config", file.toString(), "--print-config");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString(), "field 'optimizer.learning_rate': wrong type, expected a number");

        run = CliTestSupport.run("train", "--config", "no-such-recipe", "--print-config");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("recipe 'no-such-recipe' is neither a file nor a shipped recipe");
    }

    @Test
    void optionsThatDoNotApplyAreRefused() {
        CliRun run = CliTestSupport.run("train", "--print-config", "--gamma", "0.5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--gamma does not apply: the recipe has no field 'schedule.gamma' (its schedule is cosine)");
        run = CliTestSupport.run("train", "--print-config", "--epochs", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--epochs", "the run length must be >= 1");
    }

    @Test
    void trainingNeedsDataAndOut() {
        CliRun run = CliTestSupport.run("train", "--steps", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("train needs --data and --out (or --print-config to show the recipe)");
    }
}
