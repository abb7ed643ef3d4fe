package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file whose content does not follow the format it is read as (a bad header, a truncated body, a
 * malformed line, a refused pickle opcode). The message names the file, the place (line or byte
 * offset) and what was expected.
 */
public final class MalformedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The offending file. */
    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the offending file
     * @param detail where and what is wrong, and what was expected
     */
    public MalformedFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /**
     * Returns the offending file.
     *
     * @return the file given at construction
     */
    public Path file() {
        return file;
    }
}
