package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads an identity-labels file: UTF-8 text, one label per line in the row order of a feature file
 * (e.g. {@code s1}, {@code Aaron_Peirsol}); surrounding white space is ignored, a blank line is an
 * error.
 */
public final class LabelsFile {

    private LabelsFile() {}

    /**
     * Reads the labels.
     *
     * @param file the labels file
     * @return the labels, one per line, in file order
     * @throws MalformedFileException if a line is blank (naming the 1-based line number) or the file is
     *     empty or not UTF-8
     * @throws IOException if the file cannot be read
     */
    public static List<String> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return List.copyOf(TextLines.readNonBlank(file, "labels file", "one identity label per line"));
    }
}
