package io.polyface.train.checkpoint;

import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a checkpoint folder can be trusted. With a {@link CheckpointManifest}: every file the manifest
 * lists is present with its recorded size and SHA-256, and the manifest lists all four files of a
 * {@link Checkpoint}. Without one (a checkpoint of an earlier PolyFace): the metadata parses and every
 * {@code .npz} reads as a complete zip archive ({@link NpzArchive#read(Path)}: central directory present,
 * entry CRCs right) — which finds a file cut short, but not one changed consistently.
 *
 * <p>Only content problems are reported; an I/O error such as a denied permission is thrown, since it
 * says nothing about the checkpoint itself.
 */
public final class CheckpointIntegrity {

    /** The files every checkpoint holds besides the manifest, in writing order. */
    static final List<String> FILES = List.of(Checkpoint.METADATA, Checkpoint.MODEL, Checkpoint.HEAD, Checkpoint.OPTIMIZER);

    /**
     * One thing wrong with a checkpoint.
     *
     * @param file the file concerned
     * @param detail what is wrong with it
     */
    public record Problem(Path file, String detail) {
        @Override
        public String toString() {
            return file + ": " + detail;
        }
    }

    /**
     * The result of a check.
     *
     * @param directory the checkpoint folder
     * @param hasManifest whether it has a manifest (otherwise only the structure was checked)
     * @param problems what is wrong; empty when the checkpoint is intact
     */
    public record Report(Path directory, boolean hasManifest, List<Problem> problems) {

        /** Copies the list. */
        public Report {
            problems = List.copyOf(problems);
        }

        /** @return whether nothing is wrong */
        public boolean intact() {
            return problems.isEmpty();
        }

        /**
         * @return the problems as one line
         */
        public String describe() {
            List<String> parts = new ArrayList<>();
            problems.forEach(p -> parts.add(p.file().getFileName() + ": " + p.detail()));
            return String.join("; ", parts);
        }

        /**
         * @throws MalformedFileException naming the first problem's file, if there is a problem
         */
        public void requireIntact() throws MalformedFileException {
            if (!intact()) {
                Problem first = problems.get(0);
                throw new MalformedFileException(first.file(), first.detail()
                        + (problems.size() > 1 ? " (and: " + describe() + ")" : "") + "; the checkpoint cannot be trusted");
            }
        }
    }

    private CheckpointIntegrity() {}

    /**
     * Checks a checkpoint folder.
     *
     * @param directory the folder
     * @return the report
     * @throws IOException if a file exists but cannot be read (e.g. permission denied)
     */
    public static Report check(Path directory) throws IOException {
        Path manifestFile = directory.resolve(CheckpointManifest.FILE);
        List<Problem> problems = new ArrayList<>();
        if (!Files.exists(manifestFile)) {
            checkStructure(directory, problems);
            return new Report(directory, false, problems);
        }
        CheckpointManifest manifest;
        try {
            manifest = CheckpointManifest.read(manifestFile);
        } catch (MalformedFileException e) {
            problems.add(new Problem(manifestFile, detail(e)));
            return new Report(directory, true, problems);
        }
        for (String name : FILES) {
            if (!manifest.files().containsKey(name)) {
                problems.add(new Problem(manifestFile, "does not list " + name));
            }
        }
        for (Map.Entry<String, CheckpointManifest.FileRecord> e : manifest.files().entrySet()) {
            Path file = directory.resolve(e.getKey());
            CheckpointManifest.FileRecord expected = e.getValue();
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem(file, "missing (the manifest lists it)"));
                continue;
            }
            long size = Files.size(file);
            if (size != expected.bytes()) {
                problems.add(new Problem(file, String.format(Locale.ROOT, "%,d bytes, the manifest says %,d (%s)", size, expected.bytes(),
                        size < expected.bytes() ? "cut short" : "longer than written")));
            } else if (!CheckpointManifest.sha256Of(file).equals(expected.sha256())) {
                problems.add(new Problem(file, "its SHA-256 differs from the manifest's (the content changed after it was written)"));
            }
        }
        return new Report(directory, true, problems);
    }

    private static void checkStructure(Path directory, List<Problem> problems) throws IOException {
        for (String name : FILES) {
            Path file = directory.resolve(name);
            try {
                if (name.equals(Checkpoint.METADATA)) {
                    CheckpointStore.read(directory);
                } else {
                    NpzArchive.read(file);
                }
            } catch (NoSuchFileException e) {
                problems.add(new Problem(file, "missing"));
            } catch (MalformedFileException e) {
                problems.add(new Problem(file, detail(e)));
            }
        }
    }

    private static String detail(MalformedFileException e) {
        String prefix = e.file() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
