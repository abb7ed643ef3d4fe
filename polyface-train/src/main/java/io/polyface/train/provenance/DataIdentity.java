package io.polyface.train.provenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.polyface.core.io.FileDigests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of a training set by content (after Tribuo's data provenance): a SHA-256 over the sorted list of its
 * files' relative paths, sizes and content hashes, so that renaming, adding, removing or changing one byte of any file
 * changes it, while moving the whole folder does not.
 *
 * <p>Canonical byte form, hashed with SHA-256 and written as 64 lower-case hexadecimal digits: for each regular
 * file under the data folder (symbolic links followed), in ascending order of the UTF-8 bytes of its relative path
 * ({@code /}-separated), the UTF-8 line {@code <relative path> TAB <size in bytes, decimal> TAB <SHA-256 of the
 * file's bytes, lower-case hex> LF}. A data path that is one file (e.g. a RecordIO {@code .rec}) is the list of that
 * one file, its relative path being its file name. Every file counts, whatever its type: an InsightFace RecordIO
 * folder ({@code train.rec}, {@code train.idx}, {@code property}) is identified by its files' bytes, not per record,
 * so re-packing the same images into another {@code .rec} gives another identity.
 *
 * <p>Cost: each file is read once, streamed through the digest in 64 KiB blocks ({@link FileDigests#sha256}); it is
 * computed once per run, when the run starts.
 *
 * @param sha256 the identity, 64 lower-case hexadecimal digits
 * @param files the number of files
 * @param bytes their total size
 */
public record DataIdentity(@JsonProperty("sha256") String sha256, @JsonProperty("files") long files,
                           @JsonProperty("bytes") long bytes) {

    /** How the identity is computed, in words (stored beside it). */
    public static final String CANONICAL_FORM = "SHA-256 over lines 'relative/path TAB size TAB sha256(file)' LF, sorted by path";

    /** @throws IllegalArgumentException if the digest is not 64 hexadecimal digits or a count is negative */
    public DataIdentity {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("data identity must be 64 lower-case hexadecimal digits, got " + sha256);
        }
        if (files < 0 || bytes < 0) {
            throw new IllegalArgumentException("data identity counts must be >= 0, got " + files + " files, " + bytes + " bytes");
        }
    }

    /**
     * Computes the identity of a data folder or file.
     *
     * @param data the training data's folder, or one file
     * @return its identity
     * @throws NoSuchFileException if the path does not exist
     * @throws IOException if a file cannot be read
     */
    public static DataIdentity of(Path data) throws IOException {
        if (!Files.exists(data)) {
            throw new NoSuchFileException(data.toString(), null, "expected the training data's folder or file");
        }
        List<Path> files = new ArrayList<>();
        Path root = Files.isDirectory(data) ? data : data.toAbsolutePath().getParent();
        if (Files.isDirectory(data)) {
            try (Stream<Path> walk = Files.walk(data, FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            files.add(data.toAbsolutePath());
        }
        List<byte[]> names = new ArrayList<>();
        for (Path f : files) {
            names.add(relative(root, f).getBytes(StandardCharsets.UTF_8));
        }
        Integer[] order = new Integer[files.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(names.get(a), names.get(b)));
        MessageDigest digest = newDigest();
        long total = 0;
        for (int i : order) {
            Path f = files.get(i);
            long size = Files.size(f);
            total += size;
            digest.update(names.get(i));
            digest.update(("\t" + size + "\t" + FileDigests.sha256(f) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new DataIdentity(HexFormat.of().formatHex(digest.digest()), files.size(), total);
    }

    private static String relative(Path root, Path file) {
        Path r = root.relativize(file);
        List<String> parts = new ArrayList<>();
        r.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
