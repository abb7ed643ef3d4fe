package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves what {@code --arch} accepts: a preset name (with overrides) or a {@code .json} spec file.
 */
public final class Architectures {

    private Architectures() {}

    /**
     * @param nameOrFile a preset name (see {@link Presets#names()}) or a path to a spec JSON file
     * @param overrides settings replacing a preset's defaults; must be empty for a file
     * @return the spec
     * @throws IllegalArgumentException for an unknown name, an invalid file or overrides given with a file
     * @throws UncheckedIOException if the file is missing (wrapping a {@link NoSuchFileException}) or cannot be read
     */
    public static ArchSpec resolve(String nameOrFile, ArchOverrides overrides) {
        if (nameOrFile.endsWith(".json") || nameOrFile.contains("/") || nameOrFile.contains("\\")) {
            Path file = Path.of(nameOrFile);
            if (!Files.exists(file)) {
                throw new UncheckedIOException(new NoSuchFileException(nameOrFile, null,
                        "expected a preset name (" + String.join(", ", Presets.names()) + ") or an architecture spec JSON file"));
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(nameOrFile + ": not a file; expected an architecture spec JSON file");
            }
            if (overrides != null && !overrides.isEmpty()) {
                throw new IllegalArgumentException("--arch " + nameOrFile + ": architecture overrides apply to presets only,"
                        + " edit the JSON file instead");
            }
            try {
                return ArchSpecJson.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return Presets.get(nameOrFile, overrides);
    }
}
