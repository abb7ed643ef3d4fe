package io.polyface.train.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mapping from a dataset's own identity labels (folder names, list-file labels, RecordIO float
 * labels written as text) to the contiguous class indices {@code 0 .. C−1} that index the class-centre
 * matrix {@code W [C, d]}. Class {@code i} is the {@code i}-th original label in {@link NaturalOrder}
 * (so {@code s2} comes before {@code s10}, and RecordIO labels {@code 0, 1, 2, …} keep their values
 * when they are already contiguous). The mapping is saved with every checkpoint, so a class index can
 * always be traced back to the identity it was trained on.
 */
public final class LabelMap {

    private final List<String> names;
    private final Map<String, Integer> index;

    private LabelMap(List<String> names) {
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        this.index = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            if (index.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("label '" + names.get(i) + "' occurs twice in a label map");
            }
        }
    }

    /**
     * Builds the contiguous mapping of a set of labels (duplicates allowed, they collapse).
     *
     * @param labels the dataset's original labels
     * @return the mapping, classes in natural order of the labels
     * @throws IllegalArgumentException if there is no label or one is null or blank
     */
    public static LabelMap of(Collection<String> labels) {
        TreeSet<String> sorted = new TreeSet<>(NaturalOrder.INSTANCE);
        for (String l : labels) {
            if (l == null || l.isBlank()) {
                throw new IllegalArgumentException("identity labels must be non-blank, got '" + l + "'");
            }
            sorted.add(l);
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one identity label");
        }
        return new LabelMap(new ArrayList<>(sorted));
    }

    /**
     * Restores a saved mapping in its saved order.
     *
     * @param names the original label of class 0, 1, …
     * @return the mapping
     * @throws IllegalArgumentException if a name repeats or the list is empty
     */
    public static LabelMap ofOrdered(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a label map needs at least one label");
        }
        return new LabelMap(names);
    }

    /** @return the number of classes {@code C} */
    public int size() {
        return names.size();
    }

    /**
     * @param classIndex a class index in {@code [0, C)}
     * @return the dataset's original label of that class
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public String name(int classIndex) {
        return names.get(classIndex);
    }

    /**
     * @param name an original label
     * @return its class index
     * @throws IllegalArgumentException if the label is not in the map
     */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("label '" + name + "' is not one of the " + names.size() + " classes of this label map");
        }
        return i;
    }

    /** @return the original labels of classes {@code 0 .. C−1}, unmodifiable */
    public List<String> names() {
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap other && other.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "LabelMap[" + names.size() + " classes]";
    }
}
