/**
 * Training recipes as data: {@link io.polyface.train.recipe.Recipe} (nested immutable records: model, loss,
 * optimizer, schedule, data, evaluation, checkpointing, run), its one JSON form
 * ({@link io.polyface.train.recipe.RecipeJson}, exact round trip, {@code "auto"} for derived values) and the
 * shipped recipes ({@code small-data}, {@code demo}, {@code paper-deepglint-30g}, {@code paper-iqiyi-24g}).
 */
package io.polyface.train.recipe;
