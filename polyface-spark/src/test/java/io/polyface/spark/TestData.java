package io.polyface.spark;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.testing.ClusteredEmbeddings;

import java.util.List;

/** Test inputs: clustered random embeddings with string labels. */
public final class TestData {

    private TestData() {}

    /**
     * Clustered Gaussian embeddings ({@link ClusteredEmbeddings}) with string labels {@code id0, id1, ...}.
     *
     * @param seed the seed
     * @param ids identities
     * @param per rows per identity
     * @param d dimension
     * @param noise noise standard deviation (centres have 1)
     * @param labels receives the label of each row ({@code ids·per} of them)
     * @return the {@code [ids·per, d]} embeddings
     */
    public static FeatureMatrix clustered(long seed, int ids, int per, int d, float noise, List<String> labels) {
        int[] ints = new int[ids * per];
        FeatureMatrix x = ClusteredEmbeddings.of(seed, ids, per, d, noise, ints);
        for (int l : ints) {
            labels.add("id" + l);
        }
        return x;
    }
}
