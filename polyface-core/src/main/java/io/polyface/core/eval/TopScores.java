package io.polyface.core.eval;

/**
 * Keeps the {@code capacity} largest of a stream of float scores (as a multiset: ties are kept) in a
 * bounded binary min-heap, so that the {@code (k+1)} largest impostor scores can be found without
 * storing all of them (../shared/spec/aggregation-and-evaluation.md, "bounded heap while streaming").
 * Memory is {@code 4·capacity} bytes; {@link #offer} is O(log capacity) when the score enters the heap
 * and O(1) otherwise. Not thread-safe: one instance per thread, then {@link #mergeFrom}.
 */
final class TopScores {

    private final float[] heap;
    private int size;

    /**
     * Creates an empty heap.
     *
     * @param capacity how many of the largest scores to keep, {@code >= 1}
     * @throws IllegalArgumentException if {@code capacity < 1} or too large for one array
     */
    TopScores(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity = " + capacity + ", expected >= 1");
        }
        heap = new float[capacity];
    }

    /**
     * Returns the entry bar: a score must be strictly greater than this to change the kept multiset.
     *
     * @return {@code -Infinity} while fewer than {@code capacity} scores were offered, else the smallest kept
     */
    float floor() {
        return size < heap.length ? Float.NEGATIVE_INFINITY : heap[0];
    }

    /**
     * Offers one score; keeps it if the heap is not full or it beats the smallest kept score.
     *
     * @param score the score
     */
    void offer(float score) {
        if (size < heap.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= score) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = score;
        } else if (score > heap[0]) {
            siftDownFromRoot(score);
        }
    }

    private void siftDownFromRoot(float score) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right] < heap[child]) {
                child = right;
            }
            if (score <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = score;
    }

    /**
     * Offers every score another heap kept (the union's top {@code capacity} is then kept here).
     *
     * @param other another heap
     */
    void mergeFrom(TopScores other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.heap[i]);
        }
    }

    /**
     * Returns the number of kept scores.
     *
     * @return {@code min(capacity, offered)}
     */
    int size() {
        return size;
    }

    /**
     * Returns the kept scores, largest first, widened to double (exactly).
     *
     * @return a new descending array of {@link #size()} values
     */
    double[] descending() {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = heap[i];
        }
        return ExactThreshold.descending(d);
    }
}
