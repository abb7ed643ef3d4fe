package io.polyface.train.memory;

import java.util.Locale;

/**
 * Checks the classifier's estimated memory ({@link ClassifierMemory}) against a budget <em>before</em>
 * anything is allocated, and refuses or switches to Partial FC (X. An et al., "Partial FC", ICCV
 * Workshops 2021) when the full softmax does not fit.
 *
 * <p>Rule: with a requested sample rate {@code r₀} (1 = full), the plan is {@code r₀} if it fits. If it
 * does not and switching is allowed, the largest rate {@code r ≤ r₀} whose estimate fits is chosen, as
 * long as {@code r ≥} {@value #MIN_SAMPLE_RATE}; the centres, their gradient and the momentum must fit
 * in any case (Partial FC does not shrink them). Otherwise a {@link MemoryBudgetExceededException}
 * gives the breakdown, the budget and the remedy.
 */
public final class MemoryPlanner {

    /** The smallest Partial FC rate the planner will choose (1% of the negatives). */
    public static final double MIN_SAMPLE_RATE = 0.01;

    private MemoryPlanner() {}

    /**
     * Plans the classifier.
     *
     * @param numClasses {@code C}
     * @param embeddingSize {@code d}
     * @param batchSize {@code B} per device
     * @param requestedSampleRate {@code r₀} in (0, 1]
     * @param momentum whether the optimiser keeps momentum
     * @param budgetBytes the budget in bytes, &gt; 0
     * @param allowPartialFc whether the planner may lower the rate to fit
     * @return the plan
     * @throws MemoryBudgetExceededException if nothing allowed fits
     * @throws IllegalArgumentException if a size, the rate or the budget is out of range
     */
    public static MemoryPlan plan(int numClasses, int embeddingSize, int batchSize, double requestedSampleRate,
                                  boolean momentum, long budgetBytes, boolean allowPartialFc) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be > 0 bytes, got " + budgetBytes);
        }
        ClassifierMemory requested = ClassifierMemory.estimate(numClasses, embeddingSize, batchSize, requestedSampleRate, momentum);
        if (requested.totalBytes() <= budgetBytes) {
            return new MemoryPlan(requestedSampleRate, requested, budgetBytes, false);
        }
        String head = "the classifier needs " + requested.breakdown() + ", over the budget of " + ClassifierMemory.mb(budgetBytes);
        if (!allowPartialFc) {
            throw new MemoryBudgetExceededException(head + "; allow Partial FC (--partial-fc auto), lower the batch size, or raise "
                    + "the budget (--memory-budget)");
        }
        if (requested.fixedBytes() > budgetBytes) {
            throw new MemoryBudgetExceededException(head + "; even Partial FC keeps the centres, their gradient and momentum ("
                    + ClassifierMemory.mb(requested.fixedBytes()) + "): shard the classes over devices or raise the budget");
        }
        long perClass = 4L * ClassifierMemory.LOGIT_ARRAYS * batchSize;
        long affordable = (budgetBytes - requested.fixedBytes()) / perClass;
        long positives = Math.min(batchSize, numClasses);
        double rate = Math.min(requestedSampleRate, (double) (affordable - positives) / (numClasses - positives));
        // rounding of C' may add one class: step down until the estimate fits
        while (rate >= MIN_SAMPLE_RATE
                && ClassifierMemory.estimate(numClasses, embeddingSize, batchSize, rate, momentum).totalBytes() > budgetBytes) {
            rate -= 1.0 / (numClasses - positives);
        }
        if (!(rate >= MIN_SAMPLE_RATE)) {
            throw new MemoryBudgetExceededException(head + String.format(Locale.ROOT,
                    "; Partial FC would need a sample rate below %.2f: lower the batch size or raise the budget", MIN_SAMPLE_RATE));
        }
        ClassifierMemory chosen = ClassifierMemory.estimate(numClasses, embeddingSize, batchSize, rate, momentum);
        return new MemoryPlan(rate, chosen, budgetBytes, true);
    }
}
