package io.polyface.spark;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.util.SharedResources;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Test inputs: clustered random embeddings, and the shared real faces and models. */
public final class TestData {

    private TestData() {}

    /**
     * Clustered Gaussian embeddings: {@code ids} identities of {@code per} noisy copies of a random centre, rows of
     * one identity together.
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
        Random r = new Random(seed);
        float[] x = new float[ids * per * d];
        for (int c = 0; c < ids; c++) {
            float[] centre = new float[d];
            for (int k = 0; k < d; k++) {
                centre[k] = (float) r.nextGaussian();
            }
            for (int m = 0; m < per; m++) {
                int row = c * per + m;
                labels.add("id" + c);
                for (int k = 0; k < d; k++) {
                    x[row * d + k] = centre[k] + noise * (float) r.nextGaussian();
                }
            }
        }
        return FeatureMatrix.fromRowMajor(ids * per, d, x);
    }

    /**
     * A shared file or folder (fails with a clear message when ../shared is missing).
     *
     * @param relative e.g. {@code models/fr_feature.onnx}
     * @return its path
     */
    public static Path shared(String relative) {
        return SharedResources.resolve(relative);
    }
}
