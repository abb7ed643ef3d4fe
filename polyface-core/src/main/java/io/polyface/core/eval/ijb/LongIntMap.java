package io.polyface.core.eval.ijb;

import java.util.Arrays;

/**
 * A fixed-size map from non-negative long keys (template ids) to int values, open addressing with linear
 * probing: no boxing, one multiply and a few probes per lookup, so that 31 million lookups (two per IJB-C
 * pair) cost well under a second. Filled once, then read by any number of threads.
 */
final class LongIntMap {

    private static final long EMPTY = -1;

    private final long[] keys;
    private final int[] values;
    private final int mask;
    private final int shift;

    /**
     * Creates an empty map for at most {@code capacity} keys.
     *
     * @param capacity the largest number of keys, {@code >= 0}
     */
    LongIntMap(int capacity) {
        int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        keys = new long[slots];
        values = new int[slots];
        Arrays.fill(keys, EMPTY);
        mask = slots - 1;
        shift = 64 - Integer.numberOfTrailingZeros(slots);
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift) & mask;
    }

    /**
     * Adds a key.
     *
     * @param key the key, {@code >= 0}
     * @param value its value
     * @return false if the key was already present (its value is then unchanged)
     */
    boolean putIfAbsent(long key, int value) {
        int s = slot(key);
        while (keys[s] != EMPTY) {
            if (keys[s] == key) {
                return false;
            }
            s = (s + 1) & mask;
        }
        keys[s] = key;
        values[s] = value;
        return true;
    }

    /**
     * Looks a key up.
     *
     * @param key the key
     * @param missing what to return when absent
     * @return its value, or {@code missing}
     */
    int get(long key, int missing) {
        int s = slot(key);
        long k;
        while ((k = keys[s]) != EMPTY) {
            if (k == key) {
                return values[s];
            }
            s = (s + 1) & mask;
        }
        return missing;
    }
}
