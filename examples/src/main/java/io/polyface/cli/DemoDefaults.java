package io.polyface.cli;

import io.polyface.train.recipe.RecipeJson;

import java.util.Map;

/** The defaults of {@code polyface demo}'s training options: the shipped {@code demo} recipe's values. */
public final class DemoDefaults extends RecipeDefaultValues {

    static final Map<String, String> PATHS = Map.of(
            "--holdout-ids", "data.held_out_identities",
            "--steps", "run.steps",
            "--batch", "data.batch_size",
            "--lr", "optimizer.learning_rate",
            "--seed", "run.seed");

    /** Reads the shipped recipe (picocli instantiates it for {@link DemoCommand}). */
    public DemoDefaults() {
        super(PATHS, RecipeJson.shipped("demo"));
    }
}
