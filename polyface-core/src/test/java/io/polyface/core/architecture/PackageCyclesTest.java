package io.polyface.core.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.polyface.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No cyclic package dependencies in polyface-core (each other module, examples and polyface-spark included, has its own {@code PackageCyclesTest} calling {@link PackageCycles}). */
class PackageCyclesTest {

    @Test
    void coreHasNoPackageCycle() {
        PackageCycles.assertFree("io.polyface.core");
    }

    @Test
    void theCheckFailsOnACycle() {
        var fixture = new ClassFileImporter().importPackages("io.polyface.core.testing.cyclefixture");
        assertThatThrownBy(() -> PackageCycles.rule().check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected").hasMessageContaining("cyclefixture.first")
                .hasMessageContaining("cyclefixture.second");
    }
}
