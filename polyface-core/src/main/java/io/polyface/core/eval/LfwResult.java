package io.polyface.core.eval;

import java.util.List;
import java.util.Objects;

/**
 * The LFW verification result: 10-fold accuracy (threshold chosen on the 9 training folds) and the
 * exact TAR@FAR over all pairs.
 *
 * @param folds the per-fold thresholds and accuracies, in fold order
 * @param accuracyMean the mean of the fold test accuracies
 * @param accuracyStd the population standard deviation of the fold accuracies (divisor = number of
 *     folds, numpy's default {@code np.std}, as InsightFace reports it)
 * @param accuracyStandardError the standard error of the mean: sample standard deviation (divisor
 *     folds − 1) over √folds
 * @param tarAtFar the exact operating point at {@link LfwProtocol#TARGET_FAR} over all pairs
 */
public record LfwResult(List<LfwFold> folds, double accuracyMean, double accuracyStd, double accuracyStandardError,
                        OperatingPoint tarAtFar) {

    /**
     * Makes the list immutable.
     *
     * @throws NullPointerException if a component is null
     */
    public LfwResult {
        folds = List.copyOf(Objects.requireNonNull(folds, "folds"));
        Objects.requireNonNull(tarAtFar, "tarAtFar");
    }
}
