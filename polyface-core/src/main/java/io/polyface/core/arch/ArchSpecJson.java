package io.polyface.core.arch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.polyface.core.io.JsonCodec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * JSON form of {@link ArchSpec} (what {@code --arch FILE.json} accepts and what checkpoints and ONNX
 * metadata record). Nodes carry a {@code "type"} field; unknown fields are errors.
 */
public final class ArchSpecJson {

    private static final JsonCodec<ArchSpec> CODEC = new JsonCodec<>(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS), ArchSpec.class, "architecture spec");

    private ArchSpecJson() {}

    /**
     * @param spec a spec
     * @return its compact JSON text
     */
    public static String toJson(ArchSpec spec) {
        return CODEC.toJson(spec);
    }

    /**
     * @param json JSON text of a spec
     * @return the spec, validated (names, shapes)
     * @throws IllegalArgumentException if the text is not a valid spec, with the parser's reason
     */
    public static ArchSpec fromJson(String json) {
        return CODEC.fromJson(json);
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
        return CODEC.read(file);
    }

    /**
     * Writes a spec file atomically (temporary file in the same folder, then rename).
     *
     * @param spec the spec
     * @param file the target
     * @throws IOException if writing fails
     */
    public static void write(ArchSpec spec, Path file) throws IOException {
        CODEC.write(spec, file);
    }
}
