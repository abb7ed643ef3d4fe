package io.polyface.core.testing;

import io.polyface.core.io.FeatureMatrix;

import java.util.Random;

/**
 * Random labelled embeddings with identity structure, for evaluation tests: {@code ids} identities, each a random
 * Gaussian centre (unit variance per component) with {@code per} noisy copies; the rows of an identity are adjacent.
 * Shared with the modules above through polyface-core's test-jar.
 */
public final class ClusteredEmbeddings {

    private ClusteredEmbeddings() {}

    /**
     * @param seed the seed
     * @param ids identities
     * @param per rows per identity
     * @param d dimension
     * @param noise standard deviation of the noise added to the centre
     * @param labels receives the identity of each row, {@code ids·per} of them
     * @return the {@code [ids·per, d]} embeddings
     */
    public static FeatureMatrix of(long seed, int ids, int per, int d, float noise, int[] labels) {
        Random r = new Random(seed);
        float[] x = new float[ids * per * d];
        for (int c = 0; c < ids; c++) {
            float[] centre = new float[d];
            for (int k = 0; k < d; k++) {
                centre[k] = (float) r.nextGaussian();
            }
            for (int m = 0; m < per; m++) {
                int row = c * per + m;
                labels[row] = c;
                for (int k = 0; k < d; k++) {
                    x[row * d + k] = centre[k] + noise * (float) r.nextGaussian();
                }
            }
        }
        return FeatureMatrix.fromRowMajor(ids * per, d, x);
    }
}
