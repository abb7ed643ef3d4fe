package io.polyface.core.eval;

/**
 * Keeps the {@code capacity} largest of a stream of float scores (as a multiset: ties are kept) in a
 * bounded buffer, so that the {@code (k+1)} largest impostor scores can be found without storing all of
 * them (../shared/spec/aggregation-and-evaluation.md, "bounded heap while streaming").
 *
 * <p>Instead of a binary heap (a sift of {@code log capacity} cache-missing steps per admitted score) it
 * uses the threshold-and-select scheme: a score strictly above the current floor is appended to a buffer
 * of {@code capacity + max(capacity, 1024)} slots; when the buffer is full, a three-way quickselect
 * (Hoare's FIND, CACM 4(7), 1961, with Dijkstra's three-way partition for ties) moves the
 * {@code capacity} largest to the front and the floor becomes the {@code capacity}-th largest so far.
 * Each admitted score costs amortised O(1); a score at or below the floor costs one comparison. Memory
 * is {@code 4·(capacity + max(capacity, 1024))} bytes. Not thread-safe: one instance per thread, then
 * {@link #mergeFrom}.
 */
final class TopScores {

    private final int capacity;
    private final float[] buffer;
    private int size;
    private float floor = Float.NEGATIVE_INFINITY;

    /**
     * Creates an empty buffer.
     *
     * @param capacity how many of the largest scores to keep, {@code >= 1}
     * @throws IllegalArgumentException if {@code capacity < 1} or too large for one array
     */
    TopScores(int capacity) {
        if (capacity < 1 || capacity > (Integer.MAX_VALUE - 8) / 2) {
            throw new IllegalArgumentException("capacity = " + capacity + ", expected 1 to " + (Integer.MAX_VALUE - 8) / 2);
        }
        this.capacity = capacity;
        this.buffer = new float[capacity + Math.max(capacity, 1024)];
    }

    /**
     * Returns the entry bar: a score must be strictly greater than this to change the kept multiset.
     *
     * @return {@code -Infinity} until the buffer first fills, else the {@code capacity}-th largest score at
     *     the last compaction (a lower bound of the final one)
     */
    float floor() {
        return floor;
    }

    /** @return how many of the largest scores are kept */
    int capacity() {
        return capacity;
    }

    /**
     * Raises the floor to {@code f} (if it is higher) when the caller knows that every score at or below {@code f}
     * is below at least {@code capacity} scores already offered, so that it cannot be among the largest: such scores
     * are then not taken, and those the buffer holds are dropped at the next compaction. The kept multiset is the
     * same as without the call.
     *
     * @param f the new floor
     */
    void raiseFloor(float f) {
        if (f > floor) {
            floor = f;
        }
    }

    /**
     * Offers one score; keeps it if it beats the floor.
     *
     * @param score a score (not NaN)
     */
    void offer(float score) {
        if (score > floor) {
            buffer[size++] = score;
            if (size == buffer.length) {
                compact();
            }
        }
    }

    /**
     * Offers every score another instance kept (the union's top {@code capacity} is then kept here).
     *
     * @param other another instance
     */
    void mergeFrom(TopScores other) {
        other.compact();
        for (int i = 0; i < other.size; i++) {
            offer(other.buffer[i]);
        }
    }

    /**
     * Returns the number of kept scores.
     *
     * @return {@code min(capacity, offered)}
     */
    int size() {
        compact();
        return size;
    }

    /**
     * Returns the kept scores, largest first, widened to double (exactly).
     *
     * @return a new descending array of {@link #size()} values
     */
    double[] descending() {
        compact();
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = buffer[i];
        }
        return ExactThreshold.descending(d);
    }

    /** Keeps the {@code capacity} largest at the front and raises the floor to the smallest of them. */
    private void compact() {
        if (size <= capacity) {
            return;
        }
        // scores below a floor raised since they came in (raiseFloor) cannot be among the largest: dropped first;
        // a score equal to the floor stays (it may tie with the capacity-th largest)
        float f = floor;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            float v = buffer[i];
            if (v >= f) {
                buffer[kept++] = v;
            }
        }
        size = kept;
        if (size <= capacity) {
            return;
        }
        selectLargest(buffer, 0, size, capacity);
        float min = Float.POSITIVE_INFINITY;
        for (int i = 0; i < capacity; i++) {
            min = Math.min(min, buffer[i]);
        }
        floor = Math.max(floor, min);
        size = capacity;
    }

    /**
     * Rearranges {@code a[lo, hi)} so that its {@code k} largest values come first (any order), in expected
     * linear time (pivots from a fixed xorshift sequence, so the result is deterministic).
     *
     * @param a the array
     * @param lo the first index
     * @param hi the end index (exclusive)
     * @param k how many of the largest to move to {@code a[lo, lo + k)}
     */
    static void selectLargest(float[] a, int lo, int hi, int k) {
        long seed = 0x9E3779B97F4A7C15L;
        while (k > 0 && k < hi - lo) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            float pivot = a[lo + (int) Math.floorMod(seed, (long) (hi - lo))];
            // three-way partition: [lo, gt) > pivot, [gt, i) == pivot, [lt, hi) < pivot
            int gt = lo;
            int i = lo;
            int lt = hi;
            while (i < lt) {
                float v = a[i];
                if (v > pivot) {
                    a[i++] = a[gt];
                    a[gt++] = v;
                } else if (v < pivot) {
                    a[i] = a[--lt];
                    a[lt] = v;
                } else {
                    i++;
                }
            }
            int greater = gt - lo;
            int atLeast = lt - lo;
            if (k < greater) {
                hi = gt;
            } else if (k <= atLeast) {
                return;
            } else {
                k -= atLeast;
                lo = lt;
            }
        }
    }
}
