package io.polyface.core.eval;

/**
 * The exact best operating point for one target FAR (../shared/spec/aggregation-and-evaluation.md,
 * "Exact best operating point"): at most {@code k = ⌊FAR·N_imp⌋} impostor pairs may be accepted; the
 * threshold is the {@code (k+1)}-th largest impostor score and a pair is accepted when its score is
 * <em>strictly greater</em> than the threshold, so impostor scores tied with it are all rejected (fewer
 * than {@code k} may be accepted).
 *
 * @param targetFar the target false accept rate, {@code 0 < targetFar < 1}
 * @param tar the true accept rate: genuine pairs with score {@code > threshold}, over all genuine pairs
 * @param farAchieved the false accept rate actually reached: accepted impostors over all impostors,
 *     {@code <= targetFar}
 * @param threshold the (k+1)-th largest impostor score; accept when {@code score > threshold}
 * @param genuineAccepted genuine pairs with score {@code > threshold}
 * @param impostorsAccepted impostor pairs with score {@code > threshold}, {@code <= impostorsAllowed}
 * @param impostorsAllowed {@code k = ⌊targetFar·N_imp⌋}, computed in decimal arithmetic on the
 *     shortest decimal form of {@code targetFar} (so 1e-8 × 10^8 gives exactly 1)
 * @param sampleLimited true when {@code k = 0}: there are fewer than {@code 1/targetFar} impostor pairs,
 *     the threshold lies above every impostor score and the figure is limited by the sample size
 */
public record OperatingPoint(double targetFar, double tar, double farAchieved, double threshold,
                             long genuineAccepted, long impostorsAccepted, long impostorsAllowed,
                             boolean sampleLimited) {
}
