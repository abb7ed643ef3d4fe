package io.polyface.bench.peer;

import io.polyface.core.eval.TiledCosineSimilarity;
import io.polyface.core.io.FeatureMatrix;

import java.util.Random;

/**
 * Our matrix product: the tile product of core's all-pairs scorer ({@link TiledCosineSimilarity#tile(
 * TiledCosineSimilarity.Block, TiledCosineSimilarity.Block)}: {@code [n, d] × [d, n]} on DJL's engine, scores copied
 * back into a Java array) on two uploaded blocks of Gaussian rows.
 */
final class OursMatrixProduct implements AutoCloseable {

    private final TiledCosineSimilarity.Block rows;
    private final TiledCosineSimilarity.Block cols;

    /**
     * @param n rows of each block
     * @param d columns (the inner dimension)
     */
    OursMatrixProduct(int n, int d) {
        rows = TiledCosineSimilarity.Block.upload(gaussian(n, d, 1), 0);
        cols = TiledCosineSimilarity.Block.upload(gaussian(n, d, 2), 0);
    }

    private static FeatureMatrix gaussian(int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return FeatureMatrix.fromRowMajor(n, d, v);
    }

    /** @return the timing of one product */
    Timing timing() {
        return Timing.of(() -> TiledCosineSimilarity.tile(rows, cols));
    }

    @Override
    public void close() {
        rows.close();
        cols.close();
    }
}
