package io.polyface.core.arch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.polyface.core.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON form of {@link ArchSpec} (what {@code --arch FILE.json} accepts and what checkpoints and ONNX
 * metadata record). Nodes carry a {@code "type"} field; unknown fields are errors.
 */
public final class ArchSpecJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ArchSpecJson() {}

    /**
     * @param spec a spec
     * @return its compact JSON text
     */
    public static String toJson(ArchSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise spec " + spec.name(), e);
        }
    }

    /**
     * @param json JSON text of a spec
     * @return the spec, validated (names, shapes)
     * @throws IllegalArgumentException if the text is not a valid spec, with the parser's reason
     */
    public static ArchSpec fromJson(String json) {
        try {
            return MAPPER.readValue(json, ArchSpec.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("not a valid architecture spec: " + cause.getMessage().split("\n")[0], e);
        }
    }

    /**
     * Reads a spec file.
     *
     * @param file a JSON file
     * @return the spec
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it is not a valid spec
     */
    public static ArchSpec read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a spec file atomically (temporary file in the same folder, then rename).
     *
     * @param spec the spec
     * @param file the target
     * @throws IOException if writing fails
     */
    public static void write(ArchSpec spec, Path file) throws IOException {
        byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(file, out -> out.write(json));
    }
}
