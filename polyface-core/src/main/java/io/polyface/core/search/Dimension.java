package io.polyface.core.search;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One searched setting of a {@link SearchSpace}: a name the space's {@link Family} understands, a finite
 * list of allowed values, how the search may move along it ({@link Kind}) and what it scales ({@link Role},
 * used by the compound-scaling prior). A dimension with a single value is a fixed setting.
 *
 * <p>JSON: {@code {"name": "depth_a", "kind": "repeat", "role": "depth", "values": [1, 2, …, 40]}}.
 *
 * @param name the setting, e.g. {@code depth_a}, {@code resolution}, {@code width}, {@code block_b}
 * @param kind how values relate to each other and to cost
 * @param role what the setting scales, for {@link CompoundScalingPrior}
 * @param values the allowed values, distinct; numbers in increasing order unless {@link Kind#CATEGORICAL}
 */
public record Dimension(String name, Kind kind, Role role, List<Object> values) {

    /** How the values of a dimension relate to each other and to cost. */
    public enum Kind {
        /**
         * A count of identical repeated units (blocks per stage): integer values, and the network's FLOPs and
         * parameters are exactly affine in the count (every unit costs the same). {@link CostModel} relies on this.
         */
        REPEAT,
        /** Ordered numeric values; a larger value never costs fewer FLOPs or parameters (resolution, width, …). */
        ORDINAL,
        /** Unordered choices (block types). */
        CATEGORICAL;

        /** @return the JSON name ({@code repeat}, {@code ordinal}, {@code categorical}) */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a dimension scales (EfficientNet's three axes, Tan &amp; Le, ICML 2019, §3.3). */
    public enum Role {
        /** Network depth (blocks per stage). */
        DEPTH,
        /** Network width (channel multiplier, expansion). */
        WIDTH,
        /** Input resolution. */
        RESOLUTION,
        /** Not a scaling axis (embedding size, block type). */
        NONE;

        /** @return the JSON name ({@code depth}, {@code width}, {@code resolution}, {@code none}) */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the dimension: blank name, no values, duplicates, non-numeric or
     *     unordered values for {@code repeat}/{@code ordinal}, non-integer or negative repeat counts, a scaling role
     *     on a categorical dimension
     */
    public Dimension {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a search dimension needs a name");
        }
        if (kind == null) {
            throw new IllegalArgumentException("dimension '" + name + "' needs a kind (repeat, ordinal or categorical)");
        }
        role = role == null ? Role.NONE : role;
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("dimension '" + name + "' needs at least one value");
        }
        values = List.copyOf(values);
        if (kind == Kind.CATEGORICAL) {
            if (role != Role.NONE) {
                throw new IllegalArgumentException("dimension '" + name + "': a categorical dimension cannot have the scaling role " + role.id());
            }
            for (int i = 0; i < values.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (values.get(i).equals(values.get(j))) {
                        throw new IllegalArgumentException("dimension '" + name + "' lists " + values.get(i) + " twice");
                    }
                }
            }
        } else {
            double previous = Double.NEGATIVE_INFINITY;
            for (Object v : values) {
                if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException("dimension '" + name + "' (" + kind.id() + ") needs numeric values, got " + v);
                }
                if (!(n.doubleValue() > previous)) {
                    throw new IllegalArgumentException("dimension '" + name + "' (" + kind.id()
                            + ") needs distinct values in increasing order, got " + values);
                }
                if (kind == Kind.REPEAT && (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0)) {
                    throw new IllegalArgumentException("dimension '" + name + "' (repeat) needs non-negative integer counts, got " + v);
                }
                if (role != Role.NONE && !(n.doubleValue() > 0)) {
                    throw new IllegalArgumentException("dimension '" + name + "' scales " + role.id() + " and needs values > 0, got " + v);
                }
                previous = n.doubleValue();
            }
        }
    }

    /**
     * A dimension over consecutive integers.
     *
     * @param name the setting
     * @param kind {@link Kind#REPEAT} or {@link Kind#ORDINAL}
     * @param role what it scales
     * @param from first value
     * @param to last value (inclusive)
     * @return the dimension
     */
    public static Dimension range(String name, Kind kind, Role role, int from, int to) {
        List<Object> v = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            v.add(i);
        }
        return new Dimension(name, kind, role, v);
    }

    /**
     * @param name the setting
     * @param kind how the values relate
     * @param role what it scales
     * @param values the values
     * @return the dimension
     */
    public static Dimension of(String name, Kind kind, Role role, Object... values) {
        return new Dimension(name, kind, role, List.of(values));
    }

    /** @return the number of values */
    public int size() {
        return values.size();
    }

    /**
     * @param i an index in {@code [0, size())}
     * @return the value
     */
    public Object value(int i) {
        return values.get(i);
    }

    /**
     * Finds a value (numbers compare by value, so {@code 1} matches {@code 1.0}).
     *
     * @param value a value
     * @return its index
     * @throws IllegalArgumentException naming the dimension and its values if it is not one of them
     */
    public int indexOf(Object value) {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            boolean same = v instanceof Number a && value instanceof Number b
                    ? a.doubleValue() == b.doubleValue()
                    : v.equals(value);
            if (same) {
                return i;
            }
        }
        throw new IllegalArgumentException("value " + value + " is not in dimension '" + name + "' " + values);
    }
}
