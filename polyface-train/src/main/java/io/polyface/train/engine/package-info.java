/**
 * Engine plumbing shared by the training loop and evaluation: the per-scope parameter store that keeps
 * derived arrays out of the parameters' manager and replicates parameters over data-parallel shards
 * ({@link io.polyface.train.engine.ScopedParameterStore}).
 */
package io.polyface.train.engine;
