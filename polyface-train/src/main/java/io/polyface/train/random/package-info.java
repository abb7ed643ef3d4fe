/**
 * Reproducible randomness of a training run: every draw is a pure function of the run's seed and the
 * draw's position ({@link io.polyface.train.random.Seeds}).
 */
package io.polyface.train.random;
