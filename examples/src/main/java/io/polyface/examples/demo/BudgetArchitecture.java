package io.polyface.examples.demo;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.flops.Convention;
import io.polyface.core.search.CompoundScalingPrior;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.search.Search;
import io.polyface.core.search.SearchResult;
import io.polyface.core.search.SearchSpaces;

/**
 * The architecture {@code demo --budget} and {@code distill --budget} take for a FLOPs budget (LFR rule): 0.1 GFLOPs is
 * the shipped searched preset {@code polyface-search-0.1g}; other budgets run the search now with the prior objective
 * ({@link CompoundScalingPrior}) in the MobileFaceNet space (128-d embedding) up to 1 GFLOPs, the PolyFace paper's space
 * above.
 *
 * @param spec the architecture
 * @param source how it was chosen, for reports
 */
public record BudgetArchitecture(ArchSpec spec, String source) {

    /**
     * @param budgetGflops the budget in GFLOPs (LFR rule)
     * @param seed the search's seed
     * @param namePrefix the searched spec's name before {@code search-<budget>g} (e.g. {@code demo-})
     * @return the architecture
     * @throws IllegalArgumentException naming {@code --budget} if it is not positive or no architecture of the space meets it
     */
    public static BudgetArchitecture choose(double budgetGflops, long seed, String namePrefix) {
        if (!(budgetGflops > 0) || !Double.isFinite(budgetGflops)) {
            throw new IllegalArgumentException("--budget " + budgetGflops + "G: expected a positive number of GFLOPs");
        }
        if (Math.abs(budgetGflops - 0.1) < 1e-12) {
            return new BudgetArchitecture(Presets.get("polyface-search-0.1g"),
                    "shipped searched preset polyface-search-0.1g (prior objective, MobileFaceNet space, budget 0.1 GFLOPs)");
        }
        FlopsBudget budget = FlopsBudget.parse(budgetGflops + "G", Convention.LFR);
        String space = budgetGflops <= 1.0 ? "mobilefacenet[embedding=128]" : "polyface-paper";
        SearchResult r;
        try {
            r = Search.builder().setSpace(SearchSpaces.get(space)).setBudget(budget)
                    .optObjective(CompoundScalingPrior.builder().build()).optSeed(seed).build().run();
            return new BudgetArchitecture(r.bestSpec(namePrefix + "search-" + budgetGflops + "g"), "searched now: space " + space + ", prior objective, seed " + seed);
        } catch (IllegalArgumentException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new IllegalArgumentException("--budget " + budgetGflops + "G: no architecture of the space " + space
                    + " meets it (" + e.getMessage() + ")", e);
        }
    }
}
