package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> lines = TextLines.read(file);
        if (lines.isEmpty()) {
            throw new MalformedFileException(file, "labels file is empty; expected one identity label per line");
        }
        List<String> labels = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String label = lines.get(i).strip();
            if (label.isEmpty()) {
                throw new MalformedFileException(file, "line " + (i + 1) + " is blank; expected one identity label per line");
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }
}
