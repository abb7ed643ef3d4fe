package io.polyface.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** File helpers for tests (shared with the modules above through polyface-core's test-jar). */
public final class TestFiles {

    private TestFiles() {}

    /**
     * Copies a folder with everything below it (folders created, files copied; {@code to} may exist).
     *
     * @param from the folder to copy
     * @param to where its copy goes
     * @throws IOException if a file cannot be read or written
     */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
