package io.polyface.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
