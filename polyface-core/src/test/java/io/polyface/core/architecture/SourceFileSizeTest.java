package io.polyface.core.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rule "no main source file over {@value #MAX_LINES} lines", over every module of the repository
 * ({@code MODULE/src/main/java} under the project root, which is this module's parent folder).
 */
class SourceFileSizeTest {

    static final int MAX_LINES = 600;

    @Test
    void noMainSourceFileIsOverTheLimit() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("the project root (parent of %s) holds the parent pom", Path.of("").toAbsolutePath())
                .isRegularFile();
        List<String> over = oversized(root, MAX_LINES);
        assertThat(over).as("main source files over %d lines (split them into classes with one job)", MAX_LINES).isEmpty();
    }

    @Test
    void theCheckNamesAFileOverTheLimitWithItsCount(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("some-module/src/main/java/a"));
        Files.writeString(dir.resolve("Big.java"), "x\n".repeat(MAX_LINES + 1), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("Fits.java"), "x\n".repeat(MAX_LINES), StandardCharsets.UTF_8);
        Path tests = Files.createDirectories(root.resolve("some-module/src/test/java/a"));
        Files.writeString(tests.resolve("BigTest.java"), "x\n".repeat(MAX_LINES + 5), StandardCharsets.UTF_8);
        assertThat(oversized(root, MAX_LINES)).containsExactly("some-module/src/main/java/a/Big.java: " + (MAX_LINES + 1) + " lines");
    }

    /**
     * @param root the project root
     * @param limit the most lines a file may have
     * @return {@code "PATH: N lines"} for each {@code .java} file under a {@code MODULE/src/main/java} over the limit, largest first
     */
    static List<String> oversized(Path root, int limit) throws IOException {
        record Sized(Path file, long lines) {}
        List<Sized> over = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).sorted().toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).map(f -> new Sized(f, lines(f)))
                            .filter(s -> s.lines() > limit).forEach(over::add);
                }
            }
        }
        return over.stream().sorted(Comparator.comparingLong(Sized::lines).reversed())
                .map(s -> root.relativize(s.file()).toString().replace('\\', '/') + ": " + s.lines() + " lines").toList();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
