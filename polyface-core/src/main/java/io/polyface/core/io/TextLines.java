package io.polyface.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a UTF-8 text file as lines (LF, CRLF or CR endings; a final line ending is optional). */
final class TextLines {

    private TextLines() {}

    /**
     * Reads every line.
     *
     * @param file the file
     * @return the lines without their endings
     * @throws IOException if the file cannot be read or is not valid UTF-8
     */
    static List<String> read(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedFileException(file, "not valid UTF-8 text (" + e + ")");
        }
    }

    /**
     * Reads a file of one entry per line: every line stripped of surrounding white space; an empty file or a blank
     * line is an error.
     *
     * @param file the file
     * @param kind what the file is, for the empty-file message (e.g. {@code "labels file"})
     * @param expected what a line should hold (e.g. {@code "one identity label per line"})
     * @return the stripped lines in file order
     * @throws MalformedFileException if the file is empty, not valid UTF-8, or a line is blank (naming the 1-based
     *     line number)
     * @throws IOException if the file cannot be read
     */
    static List<String> readNonBlank(Path file, String kind, String expected) throws IOException {
        List<String> lines = read(file);
        if (lines.isEmpty()) {
            throw new MalformedFileException(file, kind + " is empty; expected " + expected);
        }
        List<String> stripped = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                throw new MalformedFileException(file, "line " + (i + 1) + " is blank; expected " + expected);
            }
            stripped.add(line);
        }
        return stripped;
    }
}
