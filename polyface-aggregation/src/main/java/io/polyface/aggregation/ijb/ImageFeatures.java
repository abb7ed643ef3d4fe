package io.polyface.aggregation.ijb;

import io.polyface.core.io.FeatureMatrix;

import java.util.List;
import java.util.Objects;

/**
 * The features of a protocol's image rows: one embedding per row ({@code [N, d]}, as the embedding model gave
 * it: not L2-normalised when the norm is to weight the image, InsightFace's "norm score"), a row of zeros
 * where the image was missing or unreadable, and optionally one raw quality score per row (for QAN++).
 *
 * @param embeddings {@code [N, d]} embeddings, zero rows for images not embedded
 * @param embedded whether each row was embedded
 * @param quality {@code [N]} raw quality scores (0 where not embedded), or null without a quality model
 * @param notEmbedded one line per row not embedded: {@code image: reason}
 */
public record ImageFeatures(FeatureMatrix embeddings, boolean[] embedded, float[] quality, List<String> notEmbedded) {

    /**
     * Checks the lengths.
     *
     * @throws IllegalArgumentException if the arrays do not have one entry per row
     */
    public ImageFeatures {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(embedded, "embedded");
        notEmbedded = List.copyOf(notEmbedded);
        if (embedded.length != embeddings.rows() || (quality != null && quality.length != embeddings.rows())) {
            throw new IllegalArgumentException(embeddings.rows() + " embeddings but " + embedded.length + " embedded flags and "
                    + (quality == null ? "no" : Integer.toString(quality.length)) + " quality scores");
        }
    }

    /** @return the number of rows {@code N} */
    public int rows() {
        return embeddings.rows();
    }
}
