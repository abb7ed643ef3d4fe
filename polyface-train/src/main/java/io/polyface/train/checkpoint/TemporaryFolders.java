package io.polyface.train.checkpoint;

import io.polyface.core.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden temporary folders {@link CheckpointStore} writes beside a checkpoint, and the removal of
 * those left behind by a process that was killed while writing ({@code kill -9}, a power cut).
 *
 * <p>A temporary folder's name says whose it is: {@code .checkpoint-00000100.tmp.<pid>@<host>.<random>}
 * (a checkpoint being written) or {@code .checkpoint-00000100.old.<pid>@<host>.<random>} (the previous
 * checkpoint of that step, moved aside while the new one is renamed into place). It is provably stale
 * when it was made on this host and its process is gone: no process has that id, or the process with
 * that id started after the folder was last modified (the id was reused). Anything else — a live
 * writer, another host, names of an earlier PolyFace version without an owner — is left alone.
 */
final class TemporaryFolders {

    private static final Pattern OWNED = Pattern.compile("\\.(checkpoint-\\d{8,})\\.(tmp|old)\\.(\\d+)@([A-Za-z0-9-]*)\\.[0-9a-z]+");
    private static final Pattern EARLIER = Pattern.compile("\\.checkpoint-\\d{8,}\\.(old\\.)?[0-9a-z]+");

    private TemporaryFolders() {}

    /**
     * Creates a temporary folder owned by this process.
     *
     * @param outputDir the run's output folder
     * @param checkpointName the final folder name, e.g. {@code checkpoint-00000100}
     * @param kind {@code tmp} (being written) or {@code old} (the replaced checkpoint)
     * @return the new, empty folder
     * @throws IOException if it cannot be created
     */
    static Path create(Path outputDir, String checkpointName, String kind) throws IOException {
        return AtomicFileWriter.newTemporaryFolder(outputDir, prefix(checkpointName, kind, ProcessHandle.current().pid(), host()));
    }

    /**
     * @param checkpointName the final folder name
     * @param kind {@code tmp} or {@code old}
     * @param pid the owner's process id
     * @param host the owner's host name (letters, digits and hyphens)
     * @return the name prefix of such a folder (a random number follows)
     */
    static String prefix(String checkpointName, String kind, long pid, String host) {
        return "." + checkpointName + "." + kind + "." + pid + "@" + host + ".";
    }

    /**
     * Removes the provably stale temporary folders of an output folder: a stale {@code tmp} folder is
     * deleted; a stale {@code old} folder is moved back to its checkpoint's name if that checkpoint is
     * missing (the process died between the two renames of a replacement), and deleted otherwise.
     *
     * @param outputDir the run's output folder
     * @return one line per action or finding, for the user
     * @throws IOException if the folder cannot be listed or a stale folder cannot be removed
     */
    static List<String> cleanStale(Path outputDir) throws IOException {
        List<String> notes = new ArrayList<>();
        if (!Files.isDirectory(outputDir)) {
            return notes;
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(outputDir)) {
            candidates = s.filter(Files::isDirectory).sorted().toList();
        }
        List<String> removed = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        String host = host();
        for (Path dir : candidates) {
            String name = dir.getFileName().toString();
            Matcher m = OWNED.matcher(name);
            if (m.matches()) {
                if (!m.group(4).equals(host) || !stale(Long.parseLong(m.group(3)), Files.getLastModifiedTime(dir).toInstant())) {
                    continue;
                }
                Path target = outputDir.resolve(m.group(1));
                if (m.group(2).equals("old") && !Files.exists(target)) {
                    AtomicFileWriter.move(dir, target);
                    notes.add("restored " + target + " from " + name + " (a replacement of it was interrupted)");
                } else {
                    AtomicFileWriter.deleteTree(dir);
                    removed.add(name);
                }
            } else if (EARLIER.matcher(name).matches()) {
                earlier.add(name);
            }
        }
        if (!removed.isEmpty()) {
            notes.add("removed " + removed.size() + " temporary checkpoint folder(s) left in " + outputDir
                    + " by ended processes (interrupted writes): " + String.join(", ", removed));
        }
        if (!earlier.isEmpty()) {
            notes.add("left " + earlier.size() + " temporary checkpoint folder(s) of an earlier PolyFace version in " + outputDir
                    + " alone (their writer cannot be told): " + String.join(", ", earlier)
                    + "; delete them if no other process writes there");
        }
        return notes;
    }

    /**
     * @param pid a process id
     * @param lastModified when its folder last changed
     * @return whether the process that made the folder has provably ended
     */
    static boolean stale(long pid, Instant lastModified) {
        if (pid == ProcessHandle.current().pid()) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return started.isPresent() && started.get().isAfter(lastModified);
    }

    /** @return this machine's host name reduced to letters, digits and hyphens ({@code unknown} if not known) */
    static String host() {
        String h = null;
        try {
            Path proc = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(proc)) {
                h = Files.readString(proc).strip();
            }
        } catch (IOException e) {
            h = null;
        }
        if (h == null || h.isEmpty()) {
            h = System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : System.getenv("COMPUTERNAME");
        }
        if (h == null || h.isEmpty()) {
            h = "unknown";
        }
        return h.replaceAll("[^A-Za-z0-9-]", "-");
    }
}
