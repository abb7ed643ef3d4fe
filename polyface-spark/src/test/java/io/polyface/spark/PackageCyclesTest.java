package io.polyface.spark;

import io.polyface.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No cyclic package dependencies in polyface-spark's main classes ({@link PackageCycles}). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.assertFree("io.polyface.spark");
    }
}
