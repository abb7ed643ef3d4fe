package io.polyface.train.data;

/**
 * Every image once, in dataset order, in batches of {@code B} (the last one smaller): the plan of
 * embedding a set for evaluation or for class-mean centres.
 *
 * @param size {@code N}
 * @param batchSize {@code B}
 */
public record SequentialPlan(int size, int batchSize) implements BatchPlan {

    /** @throws IllegalArgumentException if {@code N < 1} or {@code B < 1} */
    public SequentialPlan {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("sequential plan needs N >= 1 and B >= 1, got N=" + size + ", B=" + batchSize);
        }
    }

    @Override
    public int[] indices(long step) {
        int start = Math.toIntExact(step * batchSize);
        if (step < 0 || start >= size) {
            throw new IllegalArgumentException("step " + step + " is outside the " + steps() + " steps of this plan");
        }
        int end = Math.min(size, start + batchSize);
        int[] out = new int[end - start];
        for (int i = 0; i < out.length; i++) {
            out[i] = start + i;
        }
        return out;
    }

    @Override
    public long steps() {
        return (size + (long) batchSize - 1) / batchSize;
    }
}
