package io.polyface.core.eval;

import io.polyface.core.embed.L2;

import java.util.Objects;

/**
 * Cosine similarity of embeddings, the verification score used throughout PolyFace: the dot product
 * of L2-normalised float32 copies (the inputs are never modified), accumulated in double here and in
 * float32 by the tiled matrix products of {@link TiledCosineSimilarity}. Range {@code [-1, 1]} up to
 * rounding; higher means more similar.
 */
public final class CosineSimilarity {

    private CosineSimilarity() {}

    /**
     * Returns an L2-normalised copy, {@code v / ||v||₂} with the norm computed in double.
     *
     * @param embedding the embedding, {@code [d]}
     * @return a new unit-length array
     * @throws IllegalArgumentException if the embedding is empty, all zero, or holds a NaN or infinite value
     */
    public static float[] normalized(float[] embedding) {
        Objects.requireNonNull(embedding, "embedding");
        if (embedding.length == 0) {
            throw new IllegalArgumentException("embedding is empty");
        }
        float[] out = new float[embedding.length];
        L2.normalizeInto(embedding, 0, out, 0, embedding.length, "embedding");
        return out;
    }

    /**
     * Returns the cosine similarity of two embeddings: the dot product of their L2-normalised float32
     * copies, accumulated in double.
     *
     * @param a the first embedding, {@code [d]}
     * @param b the second embedding, {@code [d]}
     * @return the cosine similarity
     * @throws IllegalArgumentException if the lengths differ or an embedding is zero or not finite
     */
    public static double cosine(float[] a, float[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different lengths: " + a.length + " and " + b.length);
        }
        return dot(normalized(a), normalized(b));
    }

    /**
     * Returns the dot product, accumulated in double.
     *
     * @param a a vector
     * @param b a vector of the same length
     * @return {@code Σ a_i b_i}
     */
    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
