package io.polyface.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The JSON text and file form of one validated type (a record whose constructor checks its values), written once for
 * the specs and spaces that have one: compact or pretty text, parsing whose errors name the value kind and the
 * constructor's reason, reading a UTF-8 file (errors name the file), and atomic writing through
 * {@link AtomicFileWriter}.
 *
 * @param <T> the type
 */
public final class JsonCodec<T> {

    private final ObjectMapper mapper;
    private final Class<T> type;
    private final String kind;

    /**
     * @param mapper the configured Jackson mapper (strictness, features)
     * @param type the type read
     * @param kind what a value is called in messages, e.g. {@code "architecture spec"}
     */
    public JsonCodec(ObjectMapper mapper, Class<T> type, String kind) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = Objects.requireNonNull(type, "type");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param value a value
     * @return its compact JSON text (one line)
     * @throws IllegalStateException if Jackson cannot serialise it (a programming error)
     */
    public String toJson(T value) {
        return serialise(value, false);
    }

    /**
     * @param value a value
     * @return its indented JSON text, as {@link #write(Object, Path)} writes it
     * @throws IllegalStateException if Jackson cannot serialise it (a programming error)
     */
    public String toPrettyJson(T value) {
        return serialise(value, true);
    }

    private String serialise(T value, boolean pretty) {
        try {
            return pretty ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value) : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the " + kind + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param json JSON text of a value
     * @return the value, validated by its constructor
     * @throws IllegalArgumentException {@code "not a valid KIND: reason"}, the reason being the constructor's
     *     IllegalArgumentException message when it refused a value, else the parser's first line
     */
    public T fromJson(String json) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("not a valid " + kind + ": " + cause.getMessage().split("\n")[0], e);
        }
    }

    /**
     * Reads a UTF-8 JSON file.
     *
     * @param file the file
     * @return the value
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException {@code "FILE: not a valid KIND: reason"}
     */
    public T read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the pretty JSON text to a file atomically (temporary file in the same folder, then rename).
     *
     * @param value the value
     * @param file the target
     * @throws IOException if writing fails
     */
    public void write(T value, Path file) throws IOException {
        byte[] json = toPrettyJson(value).getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(file, out -> out.write(json));
    }
}
