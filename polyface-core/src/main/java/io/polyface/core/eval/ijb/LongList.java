package io.polyface.core.eval.ijb;

import java.util.Arrays;

/** A growable list of primitive longs (no boxing), for reading id columns. */
final class LongList {

    private long[] values = new long[1024];
    private int size;

    /**
     * Appends a value.
     *
     * @param v the value
     */
    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    /** @return the number of values */
    int size() {
        return size;
    }

    /** @return a copy of the values, exactly {@link #size()} long */
    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
