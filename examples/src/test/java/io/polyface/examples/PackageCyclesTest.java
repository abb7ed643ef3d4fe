package io.polyface.examples;

import io.polyface.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/**
 * No cyclic package dependencies in the examples module's main classes ({@link PackageCycles}): the programs under
 * {@code io.polyface.examples} and the command line under {@code io.polyface.cli} (checked together with
 * polyface-cli-common's classes of that package, which share it).
 */
class PackageCyclesTest {

    @Test
    void examplesHaveNoPackageCycle() {
        PackageCycles.assertFree("io.polyface.examples");
    }

    @Test
    void commandLineHasNoPackageCycle() {
        PackageCycles.assertFree("io.polyface.cli");
    }
}
