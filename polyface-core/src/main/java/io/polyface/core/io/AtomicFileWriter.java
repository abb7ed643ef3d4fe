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

    /** Writes the content of a folder. */
    @FunctionalInterface
    public interface DirectoryBody {
        /**
         * Writes every file of the folder.
         *
         * @param dir the temporary folder to write into (it exists and is empty)
         * @throws IOException if writing fails
         */
        void writeTo(Path dir) throws IOException;
    }

    private AtomicFileWriter() {}

    /**
     * Writes a folder atomically: the body fills a temporary sibling folder, which is then renamed to
     * {@code target} ({@link StandardCopyOption#ATOMIC_MOVE} where the file system allows). A reader never
     * sees a half-written folder; if the body fails, the temporary folder is deleted.
     *
     * @param target the folder to create; it must not exist, or be an empty folder (which is replaced)
     * @param body writes the content
     * @throws IllegalArgumentException if {@code target} is a file or a non-empty folder
     * @throws IOException if writing or renaming fails
     */
    public static void writeDirectory(Path target, DirectoryBody body) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new IllegalArgumentException(target + " exists and is not a folder");
            }
            try (java.util.stream.Stream<Path> s = Files.list(absolute)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " exists and is not empty; choose a new folder");
                }
            }
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, "." + absolute.getFileName() + ".");
        try {
            body.writeTo(tmp);
            Files.deleteIfExists(absolute);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute);
            }
        } finally {
            if (Files.exists(tmp)) {
                try (java.util.stream.Stream<Path> walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

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
