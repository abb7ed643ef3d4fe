package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an image list file (../shared/spec/aggregation-and-evaluation.md, "List files"): UTF-8 text,
 * one image per line, {@code relative/path} or {@code relative/path label}, fields separated by white
 * space; e.g. {@code Aaron_Peirsol/Aaron_Peirsol_0001.jpg}. Row {@code i} of a feature file computed
 * from the list belongs to line {@code i + 1}.
 */
public final class ImageListFile {

    /**
     * One line of a list file.
     *
     * @param path the image path relative to the image root, with {@code /} separators
     * @param label the identity label, when the line has one
     */
    public record Entry(String path, Optional<String> label) {
        /**
         * Validates the entry.
         *
         * @throws IllegalArgumentException if the path is blank
         */
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(label, "label");
            if (path.isBlank()) {
                throw new IllegalArgumentException("path is blank");
            }
        }
    }

    private ImageListFile() {}

    /**
     * Reads the list.
     *
     * @param file the list file
     * @return the entries in file order
     * @throws MalformedFileException if a line is blank or has more than two fields (naming the 1-based
     *     line number), or the file is empty or not UTF-8
     * @throws IOException if the file cannot be read
     */
    public static List<Entry> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = TextLines.readNonBlank(file, "list file", "one 'relative/path [label]' per line");
        List<Entry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] fields = line.split("\\s+");
            if (fields.length > 2) {
                throw new MalformedFileException(file, "line " + (i + 1) + " has " + fields.length
                        + " fields, expected 'relative/path [label]': " + line);
            }
            entries.add(new Entry(fields[0].replace('\\', '/'),
                    fields.length == 2 ? Optional.of(fields[1]) : Optional.empty()));
        }
        return List.copyOf(entries);
    }
}
