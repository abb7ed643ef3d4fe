package io.polyface.core.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Test support: the house rule "no cyclic package dependencies", checked with ArchUnit over a module's
 * compiled main classes. Every package under {@code io.polyface} is its own slice, so a cycle between
 * a package and its sub-package (e.g. {@code core.arch} ↔ {@code core.arch.preset}) counts too.
 */
public final class PackageCycles {

    private PackageCycles() {}

    /**
     * @return the rule: the packages under {@code io.polyface}, each a slice, are free of cycles
     */
    public static ArchRule rule() {
        return slices().matching("io.polyface.(**)").namingSlices("package io.polyface.$1").should().beFreeOfCycles();
    }

    /**
     * Checks a module's main classes (test classes excluded).
     *
     * @param rootPackage the module's root package, e.g. {@code io.polyface.train}
     * @throws AssertionError naming each cycle and the dependencies that form it, or if no class of the package is found
     */
    public static void assertFree(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no main class of " + rootPackage + " on the test class path");
        }
        rule().check(classes);
    }
}
