package io.polyface.bench;

import io.polyface.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No cyclic package dependencies in polyface-bench's main classes ({@link PackageCycles}). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.assertFree("io.polyface.bench");
    }
}
