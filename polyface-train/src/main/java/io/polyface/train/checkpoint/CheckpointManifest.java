package io.polyface.train.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint folder must hold ({@value #FILE}, written last, before the folder is renamed into
 * place): for each of its files the size in bytes, the SHA-256 of the content and, for the {@code .npz}
 * archives, the arrays' names and shapes. Resuming checks a checkpoint against it
 * ({@link CheckpointIntegrity}), so a file cut short (even at a zip-entry boundary, which a zip reader
 * alone cannot tell from the end) or changed afterwards is found before anything is loaded.
 *
 * <pre>{"format": 1, "files": {"model.npz": {"bytes": 123, "sha256": "…", "arrays": {"conv1.weight": [16, 3, 3, 3], …}}, …}}</pre>
 *
 * @param files file name (relative to the checkpoint folder) to its record, in writing order
 */
public record CheckpointManifest(Map<String, FileRecord> files) {

    /** The manifest's file name. */
    public static final String FILE = "manifest.json";
    /** The manifest format written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file of the checkpoint.
     *
     * @param bytes its size
     * @param sha256 the SHA-256 of its content, 64 lower-case hexadecimal digits
     * @param arrays for an {@code .npz}: array name to shape, in archive order; empty otherwise
     */
    public record FileRecord(long bytes, String sha256, Map<String, List<Long>> arrays) {

        /** Copies the map. */
        public FileRecord {
            arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        }
    }

    /** Copies the map. */
    public CheckpointManifest {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * @param tensors the arrays of an archive
     * @return their names and shapes, in order
     */
    static Map<String, List<Long>> shapes(List<NamedTensor> tensors) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (NamedTensor t : tensors) {
            List<Long> shape = new ArrayList<>();
            for (long d : t.shape()) {
                shape.add(d);
            }
            out.put(t.name(), shape);
        }
        return out;
    }

    /**
     * Writes a file through a SHA-256 digest.
     *
     * @param file the file to create
     * @param body writes the content
     * @param arrays the arrays it holds (empty for a non-archive)
     * @return its record
     * @throws IOException if writing fails
     */
    static FileRecord write(Path file, CheckpointStore.Body body, Map<String, List<Long>> arrays) throws IOException {
        MessageDigest sha = sha256();
        try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16), sha)) {
            body.writeTo(out);
        }
        return new FileRecord(Files.size(file), HexFormat.of().formatHex(sha.digest()), arrays);
    }

    /**
     * @param file a file
     * @return the SHA-256 of its content in lower-case hexadecimal
     * @throws IOException if it cannot be read
     */
    static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** @return the indented JSON text */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT_VERSION);
        ObjectNode fs = root.putObject("files");
        files.forEach((name, r) -> {
            ObjectNode f = fs.putObject(name);
            f.put("bytes", r.bytes());
            f.put("sha256", r.sha256());
            if (!r.arrays().isEmpty()) {
                f.set("arrays", MAPPER.valueToTree(r.arrays()));
            }
        });
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a checkpoint manifest", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @param file the {@value #FILE} file
     * @return the manifest
     * @throws MalformedFileException if it is not a manifest of a supported format (naming the field)
     * @throws IOException if it cannot be read
     */
    public static CheckpointManifest read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file, "not JSON (cut short?): " + e.getOriginalMessage());
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT_VERSION || !root.path("files").isObject()) {
            throw new MalformedFileException(file, "not a checkpoint manifest of format " + FORMAT_VERSION
                    + " (expected {\"format\": 1, \"files\": {...}})");
        }
        Map<String, FileRecord> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("files").properties()) {
            JsonNode f = e.getValue();
            if (!f.path("bytes").canConvertToLong() || !f.path("sha256").isTextual()) {
                throw new MalformedFileException(file, "entry '" + e.getKey() + "' lacks bytes or sha256");
            }
            Map<String, List<Long>> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> a : f.path("arrays").properties()) {
                List<Long> shape = new ArrayList<>();
                a.getValue().forEach(d -> shape.add(d.asLong()));
                arrays.put(a.getKey(), shape);
            }
            files.put(e.getKey(), new FileRecord(f.get("bytes").asLong(), f.get("sha256").asText(), arrays));
        }
        return new CheckpointManifest(files);
    }
}
