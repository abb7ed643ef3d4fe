package io.polyface.train.memory;

/**
 * The outcome of {@link MemoryPlanner#plan}: how the classifier will be trained within the budget.
 *
 * @param sampleRate Partial FC's fraction of negatives; 1 means the full softmax over every class
 * @param estimate the memory at that rate
 * @param budgetBytes the budget it was checked against
 * @param switchedToPartialFc whether the planner chose Partial FC because the full classifier did not fit
 */
public record MemoryPlan(double sampleRate, ClassifierMemory estimate, long budgetBytes, boolean switchedToPartialFc) {

    /** @return whether Partial FC is used */
    public boolean partialFc() {
        return sampleRate < 1;
    }
}
