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

    /** Writes a whole folder. */
    @FunctionalInterface
    public interface FolderBody {
        /**
         * Creates the folder and writes its content.
         *
         * @param folder a path that does not exist yet, in the target's parent folder; the body creates it
         * @throws IOException if writing fails
         */
        void writeTo(Path folder) throws IOException;
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

    /**
     * Writes a new folder atomically (e.g. a table written by many workers): the body creates and fills a temporary
     * sibling folder, which is then renamed to {@code target} with {@link StandardCopyOption#ATOMIC_MOVE}; when the
     * body fails, the temporary folder is deleted and {@code target} never appears.
     *
     * @param target the folder to create; it must not exist
     * @param body creates and writes the folder it is given
     * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists
     * @throws IOException if writing or renaming fails (the temporary folder is then deleted)
     */
    public static void writeFolder(Path target, FolderBody body) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new java.nio.file.FileAlreadyExistsException(absolute.toString(), null, "exists; remove it or choose another folder");
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            body.writeTo(tmp);
            if (!Files.isDirectory(tmp)) {
                throw new IOException("writing " + absolute + " produced no folder");
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
