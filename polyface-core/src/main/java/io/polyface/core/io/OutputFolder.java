package io.polyface.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The check, before any work is done, that results can be written to an output folder. */
public final class OutputFolder {

    private OutputFolder() {}

    /**
     * Creates the folder if missing and checks that it is a writable folder.
     *
     * @param dir the output folder
     * @return {@code dir}
     * @throws FileAlreadyExistsException if a file of that name is in the way
     * @throws AccessDeniedException if the folder cannot be created or is not writable
     * @throws IOException if creating it fails otherwise
     */
    public static Path require(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new FileAlreadyExistsException(dir.toString(), null,
                        (p.equals(dir.toAbsolutePath()) ? "exists" : p + " exists") + " and is not a folder");
            }
            if (Files.isDirectory(p)) {
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(dir.toString(), null, "cannot create the folder (permission denied)");
        }
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "the folder is not writable");
        }
        return dir;
    }
}
