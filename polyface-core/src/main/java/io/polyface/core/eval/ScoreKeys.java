package io.polyface.core.eval;

/**
 * Float scores as ints whose signed order is the scores' order ({@code a < b} exactly when
 * {@code key(a) < key(b)}; {@code -0.0} and {@code 0.0}, equal as scores, share one key), so that a range of scores
 * can be split into equal ranges of representable floats. NaN has no key.
 */
final class ScoreKeys {

    /** The key of negative infinity, the smallest. */
    static final int MIN = key(Float.NEGATIVE_INFINITY);
    /** The key of positive infinity, the largest. */
    static final int MAX = key(Float.POSITIVE_INFINITY);

    private ScoreKeys() {}

    /**
     * @param score a score, not NaN
     * @return its key
     */
    static int key(float score) {
        int bits = Float.floatToRawIntBits(score == 0f ? 0f : score);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /**
     * @param key a key between {@link #MIN} and {@link #MAX}
     * @return the score with that key ({@code +0.0} for zero)
     */
    static float value(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }
}
