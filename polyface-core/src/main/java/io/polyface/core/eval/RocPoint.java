package io.polyface.core.eval;

/**
 * One point of a verification ROC curve.
 *
 * @param far the false accept rate at this threshold (impostor pairs accepted / all impostor pairs)
 * @param tar the true accept rate at this threshold (genuine pairs accepted / all genuine pairs)
 * @param threshold the threshold: with {@code exact}, pairs with {@code score > threshold} are
 *     accepted; otherwise it is the lower edge of a histogram bin and the pairs in that bin and above
 *     are accepted
 * @param exact true when computed from the exact scores, false when from the binned impostor histogram
 *     (FARs above the range the kept top impostor scores cover)
 */
public record RocPoint(double far, double tar, double threshold, boolean exact) {
}
