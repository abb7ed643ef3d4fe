package io.polyface.train.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A labelled set of encoded face images with random access: image {@code i} has the class index
 * {@link #label(int)} in {@code [0, C)} ({@code C = labels().size()}) and encoded bytes
 * {@link #read(int)} (any format core's {@code ImageDecoder} sniffs: PGM/PPM, PNG, JPEG, GIF).
 * Decoding, resizing and augmentation happen later, in worker threads ({@link BatchLoader}).
 *
 * <p>Implementations: {@link ImageFolderDataset}, {@link ListFileDataset}, {@link RecordIoDataset},
 * and the identity subsets of {@link IdentitySplit}. {@link #read(int)} is thread-safe.
 */
public interface FaceDataset extends Closeable {

    /** @return the number of images {@code N} */
    int size();

    /**
     * @param index an image index in {@code [0, N)}
     * @return its contiguous class index in {@code [0, C)}
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    int label(int index);

    /** @return the mapping between class indices and the dataset's own identity labels */
    LabelMap labels();

    /**
     * Reads the encoded bytes of one image (thread-safe).
     *
     * @param index an image index in {@code [0, N)}
     * @return the encoded image
     * @throws IOException if the bytes cannot be read; the message names the file (and offset)
     */
    byte[] read(int index) throws IOException;

    /**
     * @param index an image index in {@code [0, N)}
     * @return where the image lives, for messages: a file path, or a RecordIO file with the byte offset
     *     and key of the record
     */
    String locate(int index);

    /** @return a one-line description for logs and provenance: format, location, counts */
    String description();

    /**
     * @return what was suspicious when the dataset was opened, one line each, for the user to see (e.g. a RecordIO
     *     index listing keys that are not read); empty by default
     */
    default List<String> warnings() {
        return List.of();
    }

    /** @return the class index of every image, {@code [N]} */
    default int[] labelArray() {
        int[] labels = new int[size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = label(i);
        }
        return labels;
    }

    /** Releases open files; the default does nothing. */
    @Override
    default void close() throws IOException {}
}
