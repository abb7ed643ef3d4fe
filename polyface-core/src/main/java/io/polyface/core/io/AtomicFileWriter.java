package io.polyface.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a file through a temporary sibling and an atomic rename, so that a reader never sees a
 * half-written output and a failed write leaves any previous file untouched.
 *
 * <p>Temporary files and folders are created as any new file or folder of the process is, so the result
 * has the permissions the user's umask gives (typically {@code rw-r--r--} and {@code rwxr-xr-x}), not the
 * owner-only {@code 0600}/{@code 0700} of {@link Files#createTempFile} and {@link Files#createTempDirectory},
 * which an atomic rename would carry over to the output. Writers that stream into a temporary file over
 * time use {@link #newTemporarySibling} and {@link #commit}; folders written as a whole use
 * {@link #newTemporaryFolder}.
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

    private static final int ATTEMPTS = 100;

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
            try (Stream<Path> s = Files.list(absolute)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " exists and is not empty; choose a new folder");
                }
            }
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = newTemporaryFolder(dir, "." + absolute.getFileName() + ".");
        try {
            body.writeTo(tmp);
            Files.deleteIfExists(absolute);
            move(tmp, absolute);
        } finally {
            deleteTree(tmp);
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
        Path tmp = newTemporarySibling(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.writeTo(out);
            }
            commit(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates an empty hidden file {@code .NAME.<random>.tmp} beside {@code target} (creating the folder if
     * missing), with the permissions of any new file (the umask applies).
     *
     * @param target the file the temporary one will become
     * @return the new, empty temporary file
     * @throws IOException if the folder or the file cannot be created
     */
    public static Path newTemporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String prefix = "." + absolute.getFileName() + ".";
        for (int i = 0; ; i++) {
            try {
                return Files.createFile(dir.resolve(prefix + randomTag() + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (i == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates an empty folder {@code PREFIX<random>} in {@code dir} (creating {@code dir} if missing), with the
     * permissions of any new folder (the umask applies).
     *
     * @param dir the folder to create it in
     * @param prefix the start of its name, e.g. {@code ".checkpoint-00000100."}
     * @return the new folder
     * @throws IOException if a folder cannot be created
     */
    public static Path newTemporaryFolder(Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; ; i++) {
            try {
                return Files.createDirectory(dir.resolve(prefix + randomTag()));
            } catch (FileAlreadyExistsException e) {
                if (i == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves a finished temporary file or folder onto its target with {@link StandardCopyOption#ATOMIC_MOVE},
     * replacing a file there (a plain replacing move only where the file system cannot move atomically).
     *
     * @param temporary the finished temporary file (from {@link #newTemporarySibling}) or folder
     * @param target its final path, in the same folder
     * @throws IOException if the move fails
     */
    public static void commit(Path temporary, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        try {
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String randomTag() {
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36).toLowerCase(Locale.ROOT);
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
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + randomTag() + ".tmp");
        try {
            body.writeTo(tmp);
            if (!Files.isDirectory(tmp)) {
                throw new IOException("writing " + absolute + " produced no folder");
            }
            move(tmp, absolute);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Renames a file or folder without replacing anything, with {@link StandardCopyOption#ATOMIC_MOVE} (a plain
     * move only where the file system cannot move atomically), e.g. to put a finished temporary folder in place
     * or to move a folder aside.
     *
     * <p>An atomic rename replaces an existing file on POSIX systems, so {@code to} is checked first; a path that
     * another process creates between the check and the move is not guarded against.
     *
     * @param from the file or folder to move
     * @param to its new path, normally in the same folder; it must not exist
     * @throws FileAlreadyExistsException if {@code to} exists
     * @throws IOException if the move fails
     */
    public static void move(Path from, Path to) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString(), null, "exists; not replaced");
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Deletes a file, or a folder and everything in it (symbolic links are deleted, not followed); nothing happens
     * if {@code root} does not exist. Used to remove temporary folders and replaced outputs.
     *
     * @param root the file or folder to delete
     * @throws IOException if an entry cannot be deleted (a folder that another process keeps filling is reported
     *     as "cannot delete ...: not empty")
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (DirectoryNotEmptyException e) {
                throw new IOException("cannot delete " + p + ": not empty", e);
            }
        }
    }
}
