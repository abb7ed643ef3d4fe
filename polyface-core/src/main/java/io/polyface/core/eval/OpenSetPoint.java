package io.polyface.core.eval;

/**
 * An open-set identification operating point, TPIR at a target FPIR (Grother et al., NIST IR 8271,
 * FRVT Part 2: Identification, section 3): FPIR counts only non-mated searches (probes whose identity
 * is not enrolled) whose top candidate scores above the threshold; TPIR counts mated searches whose mate
 * is within the top {@code rank} candidates with a score above the threshold. The threshold follows the
 * exact rule of {@link OperatingPoint}: at most {@code k = ⌊FPIR·N_nm⌋} non-mated searches may alarm,
 * the threshold is the {@code (k+1)}-th largest non-mated top score, and a candidate is returned when
 * {@code score > threshold}.
 *
 * @param targetFpir the target false positive identification rate, {@code 0 < targetFpir < 1}
 * @param tpir the true positive identification rate, {@code 1 - FNIR}
 * @param fpirAchieved the FPIR reached, {@code <= targetFpir}
 * @param threshold the threshold; candidates with {@code score > threshold} are returned
 * @param nonMatedAllowed {@code k}
 * @param sampleLimited true when {@code k = 0} (fewer than {@code 1/targetFpir} non-mated searches)
 */
public record OpenSetPoint(double targetFpir, double tpir, double fpirAchieved, double threshold,
                           long nonMatedAllowed, boolean sampleLimited) {
}
