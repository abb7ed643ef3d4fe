package io.polyface.core.eval;

/**
 * One fold of the LFW 10-fold protocol.
 *
 * @param fold the 0-based fold, held out for testing
 * @param threshold the threshold chosen on the other folds; a pair is called genuine when {@code score > threshold}
 * @param trainAccuracy the accuracy of that threshold on the training folds
 * @param testAccuracy the accuracy on this fold
 */
public record LfwFold(int fold, double threshold, double trainAccuracy, double testAccuracy) {
}
