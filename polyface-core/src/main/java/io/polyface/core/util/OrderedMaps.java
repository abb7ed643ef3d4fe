package io.polyface.core.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Insertion-ordered maps written as one expression, in the style of {@link Map#of}: the JSON-ready provenance,
 * description and metadata maps of the library (Jackson writes a {@link LinkedHashMap} in insertion order, so the
 * keys appear in a file in the order given here).
 */
public final class OrderedMaps {

    private OrderedMaps() {}

    /**
     * Builds {@code {k1: v1, k2: v2, ...}} in the order given.
     *
     * @param keysAndValues alternating keys ({@link String}s) and values (any object, {@code null} allowed), e.g.
     *     {@code of("type", "params", "max", maxParams)}
     * @return a new mutable {@link LinkedHashMap} (callers may add entries after these)
     * @throws IllegalArgumentException if the arguments are not key–value pairs (odd count), a key is not a
     *     non-null String, or a key is given twice
     */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "expected alternating keys and values, got an odd number of arguments: " + keysAndValues.length);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("key " + i / 2 + " must be a String, got " + keysAndValues[i]);
            }
            if (m.containsKey(key)) {
                throw new IllegalArgumentException("key '" + key + "' given twice");
            }
            m.put(key, keysAndValues[i + 1]);
        }
        return m;
    }
}
