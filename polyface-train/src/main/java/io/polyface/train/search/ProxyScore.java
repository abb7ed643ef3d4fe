package io.polyface.train.search;

import io.polyface.core.util.OrderedMaps;

import java.util.Map;

/**
 * One candidate's trained-proxy measurement ({@link TrainedProxyObjective}).
 *
 * @param arch the trained spec's name
 * @param seed the seed of its training (initial weights, sample order, augmentation)
 * @param tar the held-out all-pairs TAR at {@code far}, in [0, 1]
 * @param far the target false accept rate of {@code tar}
 * @param genuinePairs held-out genuine pairs scored (the TAR's denominator {@code G})
 * @param impostorPairs held-out impostor pairs scored
 * @param meanTar the tie-break: mean TAR at FAR 1e-3, 1e-2 and 1e-1, in [0, 1]
 * @param score the objective's value {@code (G·tar + meanTar/2) / (G + 1/2)}, in [0, 1]: ordered by {@code tar} first,
 *     ties broken by {@code meanTar}; 0 when training diverged
 * @param diverged whether the loss or gradient became NaN or infinite (then {@code tar} and {@code meanTar} are 0)
 * @param meanLoss the mean training loss over the last steps (up to one epoch); NaN when diverged
 * @param trainingAccuracy the mean training-batch accuracy over the same steps, in [0, 1]; NaN when diverged
 * @param seconds wall time of the whole measurement (building, training, recalibrating, evaluating), in seconds
 */
public record ProxyScore(String arch, long seed, double tar, double far, long genuinePairs, long impostorPairs, double meanTar,
                         double score, boolean diverged, double meanLoss, double trainingAccuracy, double seconds) {

    /** @return the JSON-ready form (NaN as {@code null}) */
    public Map<String, Object> toJson() {
        return OrderedMaps.of("score", score, "tar", tar, "far", far, "mean_tar", meanTar,
                "genuine_pairs", genuinePairs, "impostor_pairs", impostorPairs, "diverged", diverged,
                "mean_loss", Double.isFinite(meanLoss) ? meanLoss : null,
                "training_accuracy", Double.isFinite(trainingAccuracy) ? trainingAccuracy : null, "seed", seed,
                "seconds", seconds);
    }
}
