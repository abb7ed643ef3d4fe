package io.polyface.core.search;

/**
 * What an objective may know about the search it serves.
 *
 * @param space the space searched
 * @param budget the FLOPs budget (the prior measures budget use against it)
 * @param seed the search's seed (objectives that initialise networks derive their weights from it)
 */
public record SearchContext(SearchSpace space, FlopsBudget budget, long seed) {

    /** Validates. */
    public SearchContext {
        if (space == null || budget == null) {
            throw new IllegalArgumentException("a search context needs a space and a FLOPs budget");
        }
    }
}
