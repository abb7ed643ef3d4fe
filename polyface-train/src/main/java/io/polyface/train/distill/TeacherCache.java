package io.polyface.train.distill;

import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.FileDigests;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache of a teacher's embeddings of un-augmented images, keyed by the image's content (SHA-256 of its encoded
 * bytes) and the teacher model (SHA-256 of its file): one file {@code teacher-<model sha256>.embeddings} per teacher in
 * the cache folder, so a changed teacher file misses every entry and is embedded afresh. File format (big-endian):
 * {@code int D, int count}, then per entry the 64-character image digest (UTF) and {@code D} floats. Written atomically
 * ({@link AtomicFileWriter}). Thread-safe.
 */
public final class TeacherCache {

    private final Path file;
    private final int embeddingSize;
    private final Map<String, float[]> entries = new ConcurrentHashMap<>();
    private final int loaded;
    private int misses;

    private TeacherCache(Path file, int embeddingSize, Map<String, float[]> entries) {
        this.file = file;
        this.embeddingSize = embeddingSize;
        this.entries.putAll(entries);
        this.loaded = entries.size();
    }

    /**
     * Opens (or starts) the cache of one teacher.
     *
     * @param folder the cache folder (created when saved)
     * @param teacherSha256 the teacher file's SHA-256
     * @param embeddingSize the teacher's embedding size {@code D}
     * @return the cache (empty if the folder holds none for this teacher, or one of another size)
     * @throws IOException if an existing cache file cannot be read
     */
    public static TeacherCache open(Path folder, String teacherSha256, int embeddingSize) throws IOException {
        Path file = folder.resolve("teacher-" + teacherSha256 + ".embeddings");
        Map<String, float[]> entries = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                int d = in.readInt();
                int n = in.readInt();
                if (d == embeddingSize) {
                    for (int i = 0; i < n; i++) {
                        String key = in.readUTF();
                        float[] v = new float[d];
                        for (int j = 0; j < d; j++) {
                            v[j] = in.readFloat();
                        }
                        entries.put(key, v);
                    }
                }
            } catch (EOFException e) {
                throw new IOException(file + ": truncated teacher cache; delete it to rebuild", e);
            }
        }
        return new TeacherCache(file, embeddingSize, entries);
    }

    /**
     * @param encodedImage the image's encoded bytes
     * @param compute embeds the image when it is not cached
     * @return the cached or computed embedding {@code [D]}
     */
    public float[] get(byte[] encodedImage, java.util.function.Supplier<float[]> compute) {
        String key = FileDigests.sha256(encodedImage);
        float[] v = entries.get(key);
        if (v == null) {
            v = compute.get();
            entries.put(key, v);
            synchronized (this) {
                misses++;
            }
        }
        return v;
    }

    /** @return entries read from the file when opened */
    public int loaded() {
        return loaded;
    }

    /** @return entries computed since opened */
    public synchronized int misses() {
        return misses;
    }

    /** @return the cache file of this teacher */
    public Path file() {
        return file;
    }

    /**
     * Writes the cache file (atomically), if anything was added.
     *
     * @throws IOException if it cannot be written
     */
    public void save() throws IOException {
        if (misses() == 0) {
            return;
        }
        Files.createDirectories(file.getParent());
        Map<String, float[]> copy = new LinkedHashMap<>(entries);
        AtomicFileWriter.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(embeddingSize);
            out.writeInt(copy.size());
            for (Map.Entry<String, float[]> e : copy.entrySet()) {
                out.writeUTF(e.getKey());
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
            out.flush();
        });
    }
}
