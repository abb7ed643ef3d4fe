package io.polyface.spark.embed;

import io.polyface.core.pipeline.FolderEmbeddings;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one task made of its {@link ImageSlice}, as it travels from an executor to the driver.
 *
 * @param first the index of the slice's first image among all images
 * @param size the images of the slice
 * @param dimension the embedding dimension {@code d}
 * @param rows the embedded rows, row-major {@code [paths.size(), d]}, in image order
 * @param rowImages the image index of each row
 * @param paths each row's name (relative path or record key)
 * @param labels each row's identity
 * @param unreadable images that could not be read, with the reason
 * @param noFace images without a detected face (not embedded)
 * @param noFaceImages the image index of each of them
 * @param noFaceLabels the identity of each of them
 * @param centreResized images embedded from a centre resize
 */
public record SliceResult(int first, int size, int dimension, float[] rows, int[] rowImages, List<String> paths, List<String> labels,
                          List<String> unreadable, List<String> noFace, int[] noFaceImages, List<String> noFaceLabels,
                          List<String> centreResized) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Builds the result of a slice from what the embedder returned.
     *
     * @param first the slice's first image index
     * @param names the name of each image of the slice
     * @param labels the identity of each image of the slice
     * @param e the embedder's result for these images
     * @return the result
     */
    static SliceResult of(int first, List<String> names, List<String> labels, FolderEmbeddings e) {
        float[] rows = new float[e.features().rows() * e.features().cols()];
        e.features().copyRows(0, e.features().rows(), rows, 0);
        int[] rowImages = positions(names, e.paths(), first);
        int[] noFaceImages = positions(names, e.noFace(), first);
        List<String> noFaceLabels = new ArrayList<>();
        for (int i : noFaceImages) {
            noFaceLabels.add(labels.get(i - first));
        }
        return new SliceResult(first, names.size(), e.features().cols(), rows, rowImages, new ArrayList<>(e.paths()),
                new ArrayList<>(e.labels()), new ArrayList<>(e.unreadable()), new ArrayList<>(e.noFace()), noFaceImages,
                noFaceLabels, new ArrayList<>(e.centreResized()));
    }

    /** The image index of each element of {@code subsequence}, an in-order subsequence of {@code names}. */
    private static int[] positions(List<String> names, List<String> subsequence, int first) {
        int[] out = new int[subsequence.size()];
        int at = 0;
        for (int k = 0; k < out.length; k++) {
            while (!names.get(at).equals(subsequence.get(k))) {
                at++;
            }
            out[k] = first + at++;
        }
        return out;
    }
}
