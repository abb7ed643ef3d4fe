package io.polyface.core.eval.ijb;

import io.polyface.core.io.MalformedFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Line-by-line reading of the IJB protocol text files as distributed: UTF-8 (a leading byte-order mark is
 * skipped), LF or CRLF endings, fields separated by runs of spaces or tabs (commas for the 1:N CSVs),
 * leading and trailing blanks ignored, blank lines (such as a final one) skipped. Every error names the
 * file and the 1-based line.
 */
final class ProtocolText {

    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    /** Receives the fields of each non-blank line. */
    @FunctionalInterface
    interface RowVisitor {
        /**
         * Handles one line.
         *
         * @param fields the line's fields (at least one)
         * @param line the 1-based line number
         * @throws IOException to stop with an error
         */
        void row(String[] fields, long line) throws IOException;
    }

    private ProtocolText() {}

    /**
     * Reads a whitespace-separated file.
     *
     * @param file the file
     * @param visitor receives each non-blank line
     * @throws IOException if the file is missing (named), not UTF-8, or the visitor fails
     */
    static void forEachRow(Path file, RowVisitor visitor) throws IOException {
        read(file, false, visitor);
    }

    /**
     * Reads a comma-separated file.
     *
     * @param file the file
     * @param visitor receives each non-blank line, the header included
     * @throws IOException if the file is missing (named), not UTF-8, or the visitor fails
     */
    static void forEachCsvRow(Path file, RowVisitor visitor) throws IOException {
        read(file, true, visitor);
    }

    private static void read(Path file, boolean csv, RowVisitor visitor) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                String s = text.strip();
                if (s.isEmpty()) {
                    continue;
                }
                visitor.row((csv ? COMMA : BLANKS).split(s, -1), line);
            }
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(file, "no such file");
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(file, "not valid UTF-8 text (" + e + ")");
        }
    }

    /**
     * Parses a template, media or subject id: decimal digits only, at most 18 of them (10-digit ids and
     * beyond fit).
     *
     * @param token the token
     * @param file the file, for the message
     * @param line the line, for the message
     * @param what the field's name, for the message
     * @return the id, {@code >= 0}
     * @throws MalformedFileException if the token is not such a number
     */
    static long id(String token, Path file, long line, String what) throws MalformedFileException {
        int n = token.length();
        if (n == 0 || n > 18) {
            throw bad(file, line, what, token, "a non-negative integer of at most 18 digits");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(file, line, what, token, "a non-negative integer of at most 18 digits");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Parses a finite decimal number.
     *
     * @param token the token
     * @param file the file, for the message
     * @param line the line, for the message
     * @param what the field's name, for the message
     * @return the value
     * @throws MalformedFileException if the token is not a finite number
     */
    static float number(String token, Path file, long line, String what) throws MalformedFileException {
        float v;
        try {
            v = Float.parseFloat(token);
        } catch (NumberFormatException e) {
            throw bad(file, line, what, token, "a decimal number");
        }
        if (!Float.isFinite(v)) {
            throw bad(file, line, what, token, "a finite number");
        }
        return v;
    }

    /**
     * Builds the error for a bad field.
     *
     * @param file the file
     * @param line the line
     * @param what the field
     * @param token the text found
     * @param expected what was expected
     * @return the exception
     */
    static MalformedFileException bad(Path file, long line, String what, String token, String expected) {
        return new MalformedFileException(file, "line " + line + ": " + what + " '" + token + "' is not " + expected);
    }

    /**
     * Builds the error for a line with the wrong number of fields.
     *
     * @param file the file
     * @param line the line
     * @param fields the fields found
     * @param expected the layout expected, e.g. {@code "3 fields: image template_id media_id"}
     * @return the exception
     */
    static MalformedFileException fieldCount(Path file, long line, String[] fields, String expected) {
        return new MalformedFileException(file, "line " + line + " has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                + "; expected " + expected);
    }
}
