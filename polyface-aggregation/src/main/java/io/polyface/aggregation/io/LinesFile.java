package io.polyface.aggregation.io;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * UTF-8 text files of one entry per line, in the row order of a feature file (track ids, identity
 * labels, quality scores). Read: LF, CRLF or CR line endings, the final one optional. Written: LF after
 * every line, atomically ({@link AtomicFileWriter}).
 */
public final class LinesFile {

    private LinesFile() {}

    /**
     * Reads every line.
     *
     * @param file the file
     * @return the lines, without their endings
     * @throws MalformedFileException if the file is not valid UTF-8
     * @throws IOException if it cannot be read
     */
    public static List<String> read(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(file, "not valid UTF-8 text (" + e + ")");
        }
    }

    /**
     * Writes lines atomically.
     *
     * @param file the file to create or replace
     * @param lines the lines; none may contain a line break
     * @throws IllegalArgumentException if a line is null or contains '\n' or '\r' (naming its index)
     * @throws IOException if writing fails
     */
    public static void write(Path file, List<String> lines) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("line " + i + " for " + file + " is null or contains a line break");
            }
        }
        AtomicFileWriter.write(file, out -> {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }
}
