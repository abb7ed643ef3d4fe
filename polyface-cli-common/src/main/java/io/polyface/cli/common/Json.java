package io.polyface.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The command lines' JSON writer (Jackson); one object per line for JSON Lines output. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /**
     * @param value a map, list, record or scalar
     * @return compact JSON text
     */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** @return the shared mapper */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
