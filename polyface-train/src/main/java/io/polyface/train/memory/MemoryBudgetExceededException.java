package io.polyface.train.memory;

/** The classifier does not fit the memory budget, even with the allowed Partial FC rates. */
public final class MemoryBudgetExceededException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the estimate, the budget and what to change
     */
    public MemoryBudgetExceededException(String message) {
        super(message);
    }
}
