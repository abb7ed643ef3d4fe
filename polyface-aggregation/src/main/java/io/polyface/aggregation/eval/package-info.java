/**
 * Templates from frame features and their evaluation: {@link io.polyface.aggregation.eval.TrackFeatures}
 * aggregates the rows of a frame-feature matrix by track and writes them as an LFR feature file with
 * {@code .tracks} and {@code .labels}; {@link io.polyface.aggregation.eval.TemplateEvaluation} scores
 * all pairs of track features (exact TAR@FAR, core's {@code AllPairsEvaluator}) for several
 * aggregators side by side.
 */
package io.polyface.aggregation.eval;
