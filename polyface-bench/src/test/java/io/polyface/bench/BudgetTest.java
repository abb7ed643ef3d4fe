package io.polyface.bench;

import io.polyface.bench.budget.Budget;
import io.polyface.bench.budget.Budgets;
import io.polyface.core.arch.preset.Presets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every preset's counted FLOPs (exact) stay within budgets.json; latency budgets are checked by the benchmarks. */
class BudgetTest {

    private static final Path FILE = Path.of("budgets.json");

    @Test
    void everyPresetIsWithinItsFlopsAndSizeBudget() throws Exception {
        List<Budgets.Check> checks = Budgets.check(Budgets.read(FILE));
        for (Budgets.Check c : checks) {
            System.out.printf("%-24s %-5s %,18d <= %,18d  params %,d B%n", c.budget().preset(), c.budget().convention(),
                    c.flops(), c.budget().flopsBudget(), c.paramBytes());
            assertThat(c.flops()).as("%s FLOPs (%s) within budget", c.budget().preset(), c.budget().convention())
                    .isLessThanOrEqualTo(c.budget().flopsBudget());
            assertThat(c.withinSize()).as("%s parameter bytes %d within %s", c.budget().preset(), c.paramBytes(),
                    c.budget().maxParamBytes()).isTrue();
        }
    }

    @Test
    void everyPresetHasABudget() throws Exception {
        List<String> budgeted = Budgets.read(FILE).stream().map(Budget::preset).toList();
        assertThat(budgeted).containsAll(Presets.names());
    }

    @Test
    void anExceededBudgetIsReported() {
        Budget tight = new Budget("mobilefacenet-tiny", null, "test", "lfr", 117_145_791L, null, null, null);
        assertThat(Budgets.check(List.of(tight)).get(0).ok()).isFalse();
        Budget exact = new Budget("mobilefacenet-tiny", null, "test", "lfr", 117_145_792L, null, null, null);
        assertThat(Budgets.check(List.of(exact)).get(0).ok()).isTrue();
    }
}
