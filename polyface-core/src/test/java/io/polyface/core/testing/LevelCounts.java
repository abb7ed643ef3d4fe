package io.polyface.core.testing;

/**
 * Reference TAR@FAR over ±1 sign codes of 64 bits, written independently of the evaluator: the cosine of two codes
 * takes one of 65 levels, {@code (64 − 2·h)/64} for Hamming distance {@code h}, so genuine and impostor pairs can be
 * counted per level ({@code counts[0][h]} genuine, {@code counts[1][h]} impostor) and the operating point found by
 * walking the levels from the highest score down: the threshold is the first level at which accepting it would exceed
 * {@code k} impostors (every pair strictly above the threshold is accepted).
 *
 * @param level the Hamming distance {@code h} of the threshold level
 * @param genuineAccepted genuine pairs strictly above the threshold
 * @param impostorsAccepted impostor pairs strictly above the threshold, {@code <= k}
 */
public record LevelCounts(int level, long genuineAccepted, long impostorsAccepted) {

    /**
     * @param counts {@code [2][65]} pair counts per Hamming distance: genuine at 0, impostor at 1
     * @param k the impostors allowed
     * @return the operating point
     */
    public static LevelCounts walk(long[][] counts, long k) {
        long impostors = 0;
        long genuine = 0;
        int h = 0;
        while (impostors + counts[1][h] <= k) {
            impostors += counts[1][h];
            genuine += counts[0][h];
            h++;
        }
        return new LevelCounts(h, genuine, impostors);
    }

    /** @return the threshold's cosine, {@code (64 − 2·level)/64} */
    public double threshold() {
        return (64 - 2 * level) / 64.0;
    }
}
