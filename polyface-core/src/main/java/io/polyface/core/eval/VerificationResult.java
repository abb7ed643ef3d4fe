package io.polyface.core.eval;

import java.util.List;
import java.util.Objects;

/**
 * The result of a verification evaluation.
 *
 * @param genuineCount the number of genuine (same identity) pairs scored
 * @param impostorCount the number of impostor (different identity) pairs scored
 * @param operatingPoints the exact operating point of each target FAR, in the order requested
 * @param roc the ROC curve on a logarithmic FAR grid
 */
public record VerificationResult(long genuineCount, long impostorCount, List<OperatingPoint> operatingPoints, RocCurve roc) {

    /**
     * Makes the list immutable.
     *
     * @throws NullPointerException if a component is null
     */
    public VerificationResult {
        operatingPoints = List.copyOf(Objects.requireNonNull(operatingPoints, "operatingPoints"));
        Objects.requireNonNull(roc, "roc");
    }
}
