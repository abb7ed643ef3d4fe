package io.polyface.core.search;

import io.polyface.core.arch.ArchSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search space as data: a network {@link Family}, one {@link Dimension} per family setting, and the
 * reference network that the compound-scaling prior scales from. A point is one index per dimension; the
 * space turns it into a spec through the family's builder, which rejects invalid points (the builder's checks
 * and shape inference). Named spaces are in {@link SearchSpaces}; a space can also be read from JSON.
 *
 * @param name the space's name, e.g. {@code polyface-paper}
 * @param description one line for people
 * @param family the network family
 * @param dimensions one per {@link Family#settings()} entry, in the order points list them
 * @param reference the reference ("B0") value of every dimension whose role is not {@link Dimension.Role#NONE}
 */
public record SearchSpace(String name, String description, Family family, List<Dimension> dimensions,
                          Map<String, Object> reference) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the space: missing or unknown settings, a repeat dimension the
     *     family does not repeat, a missing or non-positive reference value
     */
    public SearchSpace {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a search space needs a name");
        }
        if (family == null || dimensions == null) {
            throw new IllegalArgumentException("search space '" + name + "' needs a family and dimensions");
        }
        description = description == null ? "" : description;
        dimensions = List.copyOf(dimensions);
        Set<String> seen = new HashSet<>();
        for (Dimension d : dimensions) {
            if (!family.settings().contains(d.name())) {
                throw new IllegalArgumentException("search space '" + name + "': " + family.id() + " has no setting '" + d.name()
                        + "'; its settings are " + family.settings());
            }
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("search space '" + name + "' lists dimension '" + d.name() + "' twice");
            }
            if (d.kind() == Dimension.Kind.REPEAT && !family.isRepeat(d.name())) {
                throw new IllegalArgumentException("search space '" + name + "': '" + d.name() + "' is not a count of identical units in "
                        + family.id() + ", so it cannot be of kind repeat (use ordinal)");
            }
        }
        if (seen.size() != family.settings().size()) {
            List<String> missing = new ArrayList<>(family.settings());
            missing.removeAll(seen);
            throw new IllegalArgumentException("search space '" + name + "' lacks dimensions " + missing
                    + " (a fixed setting is a dimension with one value)");
        }
        reference = reference == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(reference));
        for (Dimension d : dimensions) {
            if (d.role() != Dimension.Role.NONE) {
                Object r = reference.get(d.name());
                if (!(r instanceof Number n) || !(n.doubleValue() > 0)) {
                    throw new IllegalArgumentException("search space '" + name + "': dimension '" + d.name() + "' scales "
                            + d.role().id() + " and needs a reference value > 0, got " + r);
                }
            }
        }
    }

    /**
     * @return the number of points (the product of the dimension sizes)
     * @throws ArithmeticException if it exceeds {@code Long.MAX_VALUE}
     */
    public long size() {
        long n = 1;
        for (Dimension d : dimensions) {
            n = Math.multiplyExact(n, d.size());
        }
        return n;
    }

    /**
     * @param setting a setting name
     * @return its dimension
     * @throws IllegalArgumentException if the space has none of that name
     */
    public Dimension dimension(String setting) {
        for (Dimension d : dimensions) {
            if (d.name().equals(setting)) {
                return d;
            }
        }
        throw new IllegalArgumentException("search space '" + name + "' has no dimension '" + setting + "'");
    }

    /**
     * @param index one value index per dimension
     * @return the point's settings, in dimension order
     * @throws IllegalArgumentException if the index has the wrong length or an entry is out of range
     */
    public Map<String, Object> values(int[] index) {
        checkIndex(index);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            m.put(dimensions.get(i).name(), dimensions.get(i).value(index[i]));
        }
        return m;
    }

    /**
     * Builds a point's spec.
     *
     * @param index one value index per dimension
     * @param specName the spec's name
     * @return the spec
     * @throws IllegalArgumentException if the point is invalid (the family builder's reason)
     */
    public ArchSpec build(int[] index, String specName) {
        return family.build(specName, values(index));
    }

    /**
     * The index of a point given by its settings.
     *
     * @param values one value per dimension (numbers compare by value)
     * @return the index
     * @throws IllegalArgumentException if a setting is missing or not one of its dimension's values
     */
    public int[] indexOf(Map<String, ?> values) {
        int[] index = new int[dimensions.size()];
        for (int i = 0; i < index.length; i++) {
            Dimension d = dimensions.get(i);
            if (!values.containsKey(d.name())) {
                throw new IllegalArgumentException("point lacks the setting '" + d.name() + "' of search space '" + name + "'");
            }
            index[i] = d.indexOf(values.get(d.name()));
        }
        return index;
    }

    /**
     * The sub-space with one setting fixed, named {@code <name>[setting=value]} (further fixes extend the
     * brackets: {@code mobilefacenet[embedding=128,expansion=2]}); {@link SearchSpaces#get} accepts such names.
     *
     * @param setting a dimension's name
     * @param value one of its values (numbers compare by value)
     * @return the sub-space
     * @throws IllegalArgumentException if the space has no such dimension or the value is not one of its values
     */
    public SearchSpace fix(String setting, Object value) {
        Dimension d = dimension(setting);
        Object v = d.value(d.indexOf(value));
        List<Dimension> dims = new ArrayList<>();
        for (Dimension x : dimensions) {
            dims.add(x.name().equals(setting) ? new Dimension(x.name(), x.kind(), x.role(), List.of(v)) : x);
        }
        String fixed = setting + "=" + v;
        String n = name.endsWith("]") ? name.substring(0, name.length() - 1) + "," + fixed + "]" : name + "[" + fixed + "]";
        return new SearchSpace(n, description + "; " + fixed, family, dims, reference);
    }

    void checkIndex(int[] index) {
        if (index.length != dimensions.size()) {
            throw new IllegalArgumentException("search space '" + name + "' has " + dimensions.size() + " dimensions, got an index of "
                    + index.length);
        }
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= dimensions.get(i).size()) {
                throw new IllegalArgumentException("index " + index[i] + " out of range for dimension '" + dimensions.get(i).name()
                        + "' (" + dimensions.get(i).size() + " values)");
            }
        }
    }
}
