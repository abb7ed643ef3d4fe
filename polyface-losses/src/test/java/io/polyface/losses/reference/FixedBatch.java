package io.polyface.losses.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The fixed small batch of the value tests: B = 4 embeddings of size d = 5 and C = 7 class
 * centres, built so that the target cosines cover an easy sample (≈ 0.99), a sample in ArcFace's
 * fallback region (below cos(π − 0.5) ≈ −0.878), a random one and a moderate one. The values are
 * float32 numbers, so the float32 and float64 runs see exactly the same inputs.
 */
public final class FixedBatch {

    public static final int B = 4;
    public static final int C = 7;
    public static final int D = 5;
    public static final int[] LABELS = {2, 5, 0, 6};

    public final float[][] embeddings = new float[B][D];
    public final float[][] centres = new float[C][D];

    public FixedBatch() {
        Random random = new Random(20190901L);
        for (int j = 0; j < C; j++) {
            for (int k = 0; k < D; k++) {
                centres[j][k] = (float) random.nextGaussian();
            }
        }
        double[] scales = {3.0, 0.5, 1.5, 1.0};
        for (int k = 0; k < D; k++) {
            double[] noise = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            embeddings[0][k] = (float) (scales[0] * (centres[2][k] + 0.05 * noise[0]));
            embeddings[1][k] = (float) (scales[1] * (-centres[5][k] + 0.25 * noise[1]));
            embeddings[2][k] = (float) (scales[2] * noise[2]);
            embeddings[3][k] = (float) (scales[3] * (0.6 * centres[6][k] + 0.5 * noise[3]));
        }
    }

    public double[][] embeddingsAsDouble() {
        return toDouble(embeddings);
    }

    public double[][] centresAsDouble() {
        return toDouble(centres);
    }

    /** Reference cosines {@code [B, C]} in double. */
    public double[][] cosines() {
        return Reference.cosines(embeddingsAsDouble(), centresAsDouble());
    }

    /** Reference embedding norms {@code [B]} in double. */
    public double[] norms() {
        double[] n = new double[B];
        double[][] x = embeddingsAsDouble();
        for (int i = 0; i < B; i++) {
            n[i] = Reference.norm(x[i]);
        }
        return n;
    }

    public NDArray embeddings(NDManager manager, DataType type) {
        return Arrays2.create(manager, embeddings, type);
    }

    public NDArray centres(NDManager manager, DataType type) {
        return Arrays2.create(manager, centres, type);
    }

    public static NDArray labels(NDManager manager) {
        return manager.create(new long[] {LABELS[0], LABELS[1], LABELS[2], LABELS[3]}, new Shape(B));
    }

    static double[][] toDouble(float[][] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = values[i][j];
            }
        }
        return out;
    }
}
