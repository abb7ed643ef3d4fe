package io.polyface.cli;

import io.polyface.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No cyclic package dependencies in polyface-cli-common's main classes ({@link PackageCycles}). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.assertFree("io.polyface.cli");
    }
}
