package io.polyface.aggregation;

import io.polyface.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No cyclic package dependencies in polyface-aggregation's main classes ({@link PackageCycles}). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.assertFree("io.polyface.aggregation");
    }
}
