package io.polyface.spark.eval;

import io.polyface.core.io.FeatureMatrix;

import java.io.IOException;
import java.io.Serializable;

/**
 * Where executors read embedding rows from: a row range at a time, so that a task holds only the blocks of the tile it
 * scores. Implementations are serializable (sent to the executors) and read the same rows wherever they run.
 */
public interface FeatureSource extends Serializable {

    /** @return {@code N}, the number of rows */
    int rows();

    /** @return {@code d}, the embedding dimension */
    int cols();

    /**
     * Reads rows {@code [from, to)}.
     *
     * @param from the first row
     * @param to the end row (exclusive)
     * @return the {@code [to - from, d]} rows
     * @throws IOException if they cannot be read (the message names the source)
     */
    FeatureMatrix read(int from, int to) throws IOException;

    /** @return the source, for messages (a file name) */
    String describe();
}
