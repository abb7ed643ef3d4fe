package io.polyface.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and an atomic rename, so that a reader never sees a
 * half-written output and a failed write leaves any previous file untouched.
 */
public final class AtomicFileWriter {

    /** Writes content to an output stream. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the whole content.
         *
         * @param out the (buffered) stream of the temporary file; not to be closed by the body
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFileWriter() {}

    /**
     * Writes {@code target} atomically: the body writes a temporary file in the same folder, which is
     * then moved onto {@code target} with {@link StandardCopyOption#ATOMIC_MOVE} (falling back to a
     * plain replacing move only where the file system cannot move atomically).
     *
     * @param target the file to create or replace; its parent folder is created if missing
     * @param body writes the content
     * @throws IOException if the folder cannot be created, or writing or moving fails (the temporary
     *     file is then deleted)
     */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
