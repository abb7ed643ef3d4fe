package io.polyface.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The CLI's JSON writer (Jackson); one object per line for JSON Lines output. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /**
     * @param value a map, list, record or scalar
     * @return compact JSON text
     */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** @return the shared mapper */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
