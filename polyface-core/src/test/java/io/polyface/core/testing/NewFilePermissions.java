package io.polyface.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the process's umask gives a new file or folder, measured by creating one: outputs must get the same (not the
 * owner-only 0600/0700 of {@code Files.createTempFile}/{@code createTempDirectory}). POSIX file systems only.
 */
public final class NewFilePermissions {

    private NewFilePermissions() {}

    /**
     * @param dir a folder on the file system under test
     * @return the permissions of a file created there now
     * @throws IOException if the probe cannot be created
     */
    public static Set<PosixFilePermission> ofFile(Path dir) throws IOException {
        return permissionsThenDelete(Files.createFile(dir.resolve(".umask-probe-file")));
    }

    /**
     * @param dir a folder on the file system under test
     * @return the permissions of a folder created there now
     * @throws IOException if the probe cannot be created
     */
    public static Set<PosixFilePermission> ofFolder(Path dir) throws IOException {
        return permissionsThenDelete(Files.createDirectory(dir.resolve(".umask-probe-folder")));
    }

    private static Set<PosixFilePermission> permissionsThenDelete(Path probe) throws IOException {
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }

    /**
     * Fails unless the umask lets others read new files, so that the comparison with owner-only permissions means
     * something (the usual umask 022 or 002 does; 077 would make every check vacuous).
     *
     * @param dir a folder on the file system under test
     * @throws IOException if the probe cannot be created
     */
    public static void requireReadableByOthers(Path dir) throws IOException {
        assertThat(ofFile(dir)).as("this check needs a umask that lets group and others read new files (e.g. 022); new files get "
                + PosixFilePermissions.toString(ofFile(dir))).contains(PosixFilePermission.OTHERS_READ);
    }

    /**
     * Asserts that every file and folder under {@code root} (and {@code root} itself) has the permissions the umask gives.
     *
     * @param root an output file or folder
     * @throws IOException if the tree cannot be walked
     */
    public static void assertTreeRespectsUmask(Path root) throws IOException {
        Path dir = root.toAbsolutePath().getParent();
        requireReadableByOthers(dir);
        Set<PosixFilePermission> file = ofFile(dir);
        Set<PosixFilePermission> folder = ofFolder(dir);
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Set<PosixFilePermission> expected = Files.isDirectory(p) ? folder : file;
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as("permissions of %s", p)
                        .isEqualTo(PosixFilePermissions.toString(expected));
            }
        }
    }
}
