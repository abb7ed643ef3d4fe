package io.polyface.train.checkpoint;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.OutputFolder;
import io.polyface.core.util.Checks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of a run's output folder. A checkpoint is written into a hidden temporary folder
 * beside its final name (named after the writing process, {@link TemporaryFolders}), every file flushed
 * to disk, its {@link CheckpointManifest} (sizes and SHA-256 of the files) written last, and the folder
 * renamed into place with an atomic move, so a crash never leaves a partial {@code checkpoint-*} folder
 * and a reader sees either the old set or the new one; {@link #prepare(Path)} removes what a killed
 * writer left behind. Older checkpoints beyond the number to keep are deleted after the new one is in
 * place. {@link ResumePoint} picks the newest intact checkpoint to resume from.
 */
public final class CheckpointStore {

    /** Folder name pattern of a checkpoint: {@code checkpoint-} and the step in 8 or more digits. */
    public static final Pattern NAME = Pattern.compile("checkpoint-(\\d{8,})");

    private CheckpointStore() {}

    /**
     * @param step a step
     * @return the folder name of its checkpoint, e.g. {@code checkpoint-00000100}
     */
    public static String folderName(long step) {
        return String.format("checkpoint-%08d", step);
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param outputDir the run's output folder (created if missing)
     * @param metadata the metadata (its step names the folder)
     * @param model backbone parameters
     * @param head class centres
     * @param optimizer momentum buffers
     * @return the checkpoint's folder
     * @throws IOException if writing or the final rename fails (the temporary folder is removed)
     */
    public static Path write(Path outputDir, CheckpointMetadata metadata, List<NamedTensor> model, List<NamedTensor> head,
                             List<NamedTensor> optimizer) throws IOException {
        Files.createDirectories(outputDir);
        Path target = outputDir.resolve(folderName(metadata.step()));
        String name = target.getFileName().toString();
        Path tmp = TemporaryFolders.create(outputDir, name, "tmp");
        try {
            Map<String, CheckpointManifest.FileRecord> files = new LinkedHashMap<>();
            files.put(Checkpoint.METADATA, writeFile(tmp.resolve(Checkpoint.METADATA),
                    out -> out.write(CheckpointMetadataJson.toJson(metadata).getBytes(StandardCharsets.UTF_8)), List.of()));
            files.put(Checkpoint.MODEL, writeFile(tmp.resolve(Checkpoint.MODEL), out -> NpzArchive.write(model, out), model));
            files.put(Checkpoint.HEAD, writeFile(tmp.resolve(Checkpoint.HEAD), out -> NpzArchive.write(head, out), head));
            files.put(Checkpoint.OPTIMIZER, writeFile(tmp.resolve(Checkpoint.OPTIMIZER), out -> NpzArchive.write(optimizer, out), optimizer));
            String manifest = new CheckpointManifest(files).toJson();
            writeFile(tmp.resolve(CheckpointManifest.FILE), out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)), List.of());
            Path old = null;
            if (Files.exists(target)) {
                old = TemporaryFolders.create(outputDir, name, "old");
                Files.delete(old);
                AtomicFileWriter.move(target, old);
            }
            AtomicFileWriter.move(tmp, target);
            if (old != null) {
                AtomicFileWriter.deleteTree(old);
            }
            return target;
        } finally {
            if (Files.exists(tmp)) {
                AtomicFileWriter.deleteTree(tmp);
            }
        }
    }

    /**
     * Prepares a run's output folder before training starts: creates it, checks that it is a writable
     * folder, and removes the temporary folders that processes killed while writing a checkpoint left
     * there (only those provably stale; see {@link TemporaryFolders}).
     *
     * @param outputDir the run's output folder
     * @return notes for the user (what was removed or restored, what was left alone); empty if nothing
     * @throws IOException naming the folder if it cannot be created or written to
     */
    public static List<String> prepare(Path outputDir) throws IOException {
        OutputFolder.require(outputDir);
        return TemporaryFolders.cleanStale(outputDir);
    }

    /**
     * Lists the complete checkpoints (those with metadata) by ascending step.
     *
     * @param outputDir the run's output folder
     * @return their folders; empty if the folder does not exist
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> list(Path outputDir) throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outputDir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(Checkpoint.METADATA)))
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf))
                    .toList();
        }
    }

    /**
     * @param outputDir the run's output folder
     * @return the checkpoint with the highest step, if any
     * @throws IOException if the folder cannot be listed
     */
    public static Optional<Path> latest(Path outputDir) throws IOException {
        List<Path> all = list(outputDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Reads a checkpoint's metadata (the arrays are read on demand).
     *
     * @param directory a checkpoint folder
     * @return the checkpoint
     * @throws NoSuchFileException if the folder or its metadata is missing
     * @throws IOException if the metadata cannot be read or parsed
     */
    public static Checkpoint read(Path directory) throws IOException {
        Path meta = directory.resolve(Checkpoint.METADATA);
        if (!Files.isRegularFile(meta)) {
            throw new NoSuchFileException(meta.toString(), null, "not a checkpoint folder (no " + Checkpoint.METADATA + ")");
        }
        return new Checkpoint(directory, CheckpointMetadataJson.fromJson(Files.readString(meta, StandardCharsets.UTF_8), meta));
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints.
     *
     * @param outputDir the run's output folder
     * @param keep how many to keep, ≥ 1
     * @throws IOException if a folder cannot be deleted
     */
    public static void prune(Path outputDir, int keep) throws IOException {
        Checks.requireAtLeast("keep", keep, 1);
        List<Path> all = list(outputDir);
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicFileWriter.deleteTree(all.get(i));
        }
    }

    /**
     * @param checkpointDir a checkpoint folder
     * @return its step, from the folder name
     * @throws IllegalArgumentException if the name is not a checkpoint name
     */
    public static long stepOf(Path checkpointDir) {
        Matcher m = NAME.matcher(checkpointDir.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpointDir + " is not named checkpoint-NNNNNNNN");
        }
        return Long.parseLong(m.group(1));
    }

    /** Writes the content of one file. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static CheckpointManifest.FileRecord writeFile(Path file, Body body, List<NamedTensor> arrays) throws IOException {
        CheckpointManifest.FileRecord record = CheckpointManifest.write(file, body, CheckpointManifest.shapes(arrays));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return record;
    }
}
