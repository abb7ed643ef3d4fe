package io.polyface.train.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.train.data.FaceDataset;

import java.util.Arrays;

/**
 * The embeddings of the images of a dataset that could be read: row {@code r} is image {@code indices[r]}. Images that
 * could not be read or decoded were skipped by the {@link io.polyface.core.image.CorruptImagePolicy} and have no row.
 *
 * @param features the embeddings {@code [n, d]}, {@code n ≤ datasetSize}
 * @param indices the dataset index of each row, ascending
 * @param datasetSize the number of images in the dataset
 */
public record DatasetEmbeddings(FeatureMatrix features, int[] indices, int datasetSize) {

    /** Copies the indices and checks they match the rows. */
    public DatasetEmbeddings {
        indices = indices.clone();
        if (indices.length != features.rows()) {
            throw new IllegalArgumentException(indices.length + " indices for " + features.rows() + " embeddings");
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** @return how many images of the dataset have no embedding */
    public int skipped() {
        return datasetSize - indices.length;
    }

    /**
     * @param dataset the dataset these embeddings come from
     * @return the class index of each row
     */
    public int[] labels(FaceDataset dataset) {
        int[] out = new int[indices.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = dataset.label(indices[r]);
        }
        return out;
    }

    /**
     * @param index a dataset index
     * @return its row, or −1 when the image was skipped
     */
    public int rowOf(int index) {
        int r = Arrays.binarySearch(indices, index);
        return r >= 0 ? r : -1;
    }
}
