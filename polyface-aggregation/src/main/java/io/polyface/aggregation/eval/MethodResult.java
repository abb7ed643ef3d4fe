package io.polyface.aggregation.eval;

import io.polyface.aggregation.Aggregator;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationResult;

/**
 * The all-pairs verification of the track features made by one aggregator.
 *
 * @param aggregator the aggregator
 * @param features its track features
 * @param verification the all-pairs result over them
 */
public record MethodResult(Aggregator aggregator, TrackFeatures features, VerificationResult verification) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a part is null
     */
    public MethodResult {
        if (aggregator == null || features == null || verification == null) {
            throw new IllegalArgumentException("aggregator, features and verification must not be null");
        }
    }

    /**
     * The operating point of one of the evaluated target FARs.
     *
     * @param targetFar a FAR the evaluation was run at
     * @return its exact operating point
     * @throws IllegalArgumentException if it was not evaluated
     */
    public OperatingPoint at(double targetFar) {
        for (OperatingPoint p : verification.operatingPoints()) {
            if (p.targetFar() == targetFar) {
                return p;
            }
        }
        throw new IllegalArgumentException("FAR " + targetFar + " was not evaluated; evaluated: "
                + verification.operatingPoints().stream().map(OperatingPoint::targetFar).toList());
    }

    /**
     * TAR at one of the evaluated target FARs.
     *
     * @param targetFar a FAR the evaluation was run at
     * @return the exact TAR there
     * @throws IllegalArgumentException if it was not evaluated
     */
    public double tarAt(double targetFar) {
        return at(targetFar).tar();
    }
}
