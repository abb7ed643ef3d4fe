package io.polyface.train.data;

import io.polyface.core.util.Checks;
import io.polyface.core.util.Permutations;
import io.polyface.train.random.Seeds;


/**
 * The training order: epoch after epoch, each a fresh permutation of the {@code N} images drawn from
 * {@code (seed, epoch)} (Fisher–Yates), cut into batches of {@code B}. Step {@code t} is batch
 * {@code t mod S} of epoch {@code t div S}, with {@code S} = {@link #stepsPerEpoch()}; so any step's batch
 * is known without replaying the ones before it (which is what makes resuming exact).
 *
 * <p>Last batch: when {@code B} does not divide {@code N} the last batch of an epoch is smaller
 * ({@code N mod B} images), except that a remainder of a single image joins the batch before it
 * (that batch has {@code B + 1}), because batch normalisation cannot train on one sample. If
 * {@code N < B} every step is one batch of all {@code N} images.
 */
public final class SampleOrder implements BatchPlan {

    private final int size;
    private final int batchSize;
    private final long seed;
    private final int stepsPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    /**
     * @param size {@code N}, at least 2
     * @param batchSize {@code B}, at least 2
     * @param seed the run's seed
     * @throws IllegalArgumentException if {@code N < 2} or {@code B < 2}
     */
    public SampleOrder(int size, int batchSize, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("training needs at least 2 images, got " + size);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (batch normalisation needs two samples), got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        int full = size / batchSize;
        int rest = size % batchSize;
        this.stepsPerEpoch = full == 0 ? 1 : (rest == 0 || rest == 1 ? full : full + 1);
    }

    /**
     * @return the images of a step: {@code B}, or {@code N} when there are fewer images than {@code B}
     *     (a step that takes an epoch's single remaining image has one more; an epoch's last step may have
     *     fewer)
     */
    public int imagesPerStep() {
        return Math.min(size, batchSize);
    }

    /** @return {@code S}, the steps of one epoch */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * @param step a step
     * @return its epoch, {@code step div S}
     */
    public long epoch(long step) {
        return step / stepsPerEpoch;
    }

    @Override
    public long steps() {
        return Long.MAX_VALUE;
    }

    /**
     * @param steps the run's length
     * @return this order ending after {@code steps} steps (so a loader prefetches nothing beyond the run)
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public BatchPlan firstSteps(long steps) {
        Checks.requireAtLeast("steps", steps, 0);
        SampleOrder self = this;
        return new BatchPlan() {
            @Override
            public int[] indices(long step) {
                if (step >= steps) {
                    throw new IllegalArgumentException("step " + step + " is past the run's " + steps + " steps");
                }
                return self.indices(step);
            }

            @Override
            public long steps() {
                return steps;
            }
        };
    }

    @Override
    public synchronized int[] indices(long step) {
        Checks.requireAtLeast("step", step, 0);
        long epoch = step / stepsPerEpoch;
        int position = (int) (step % stepsPerEpoch);
        int[] perm = permutation(epoch);
        int start = position * batchSize;
        int end = position == stepsPerEpoch - 1 ? size : Math.min(size, start + batchSize);
        int[] out = new int[end - start];
        System.arraycopy(perm, start, out, 0, out.length);
        return out;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            cachedPermutation = Permutations.random(size, Seeds.random(seed, Seeds.ORDER, epoch));
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }
}
