package io.polyface.devtree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the project's read-only reference folder {@code ../shared} (spec, real faces, pretrained
 * models) relative to the project root, for tests, benchmarks and examples. Data and models are never
 * copied into the repository; they are read from there.
 *
 * <p>The root is found by walking up from the working directory (Maven runs each module's tests in
 * the module folder) until a folder whose sibling {@code shared} exists. The system property
 * {@code polyface.shared} or the environment variable {@code POLYFACE_SHARED} overrides the search.
 */
public final class SharedResources {

    private SharedResources() {}

    /**
     * Returns the {@code shared} folder.
     *
     * @return the absolute path of {@code ../shared}
     * @throws IllegalStateException if it cannot be found, naming where it was looked for
     */
    public static Path sharedDir() {
        String override = System.getProperty("polyface.shared", System.getenv("POLYFACE_SHARED"));
        if (override != null && !override.isBlank()) {
            Path p = Paths.get(override).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("polyface.shared / POLYFACE_SHARED points to " + p + ", which is not a folder");
            }
            return p;
        }
        Path start = Paths.get("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (dir.getParent() != null && Files.isDirectory(candidate.resolve("spec")) && Files.exists(dir.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the reference folder ../shared (beside the project root) was not found, searching up from "
                + start + "; set -Dpolyface.shared=PATH or POLYFACE_SHARED");
    }

    /**
     * Resolves a path inside {@code ../shared} and checks that it exists.
     *
     * @param relative a path relative to {@code shared}, e.g. {@code "data/orl"}
     * @return the absolute path
     * @throws IllegalStateException if the folder or the file is missing
     */
    public static Path resolve(String relative) {
        Path p = sharedDir().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing reference file " + p + " (expected in ../shared/" + relative + ")");
        }
        return p;
    }
}
