package io.polyface.train.eval;

import io.polyface.core.io.FeatureMatrix;
import io.polyface.losses.head.MarginHead;
import io.polyface.train.data.FaceDataset;

import java.io.IOException;

/**
 * Top-1 closed-set accuracy of embeddings against class centres, without margin: an embedding is
 * correct when the centre with the highest cosine is its own class's (ties: the lowest class index).
 * Computed in double precision.
 */
public final class ClassificationAccuracy {

    private ClassificationAccuracy() {}

    /**
     * Top-1 accuracy of a network on a labelled set in inference mode, without margin.
     *
     * @param embedder an embedder of the network
     * @param dataset the images, labelled with the head's class indices
     * @param head the margin head owning the class centres {@code [C, d]}
     * @return the fraction of images whose embedding's highest cosine is its own class centre, in [0, 1]
     * @throws IOException if an image cannot be read
     */
    public static double topOne(NetworkEmbedder embedder, FaceDataset dataset, MarginHead head) throws IOException {
        DatasetEmbeddings e = embedder.embed(dataset);
        return topOne(e.features(), e.labels(dataset), head.getCentres().getArray().toFloatArray(), head.getNumClasses());
    }

    /**
     * @param embeddings {@code [N, d]}
     * @param labels the class of each row, in {@code [0, C)}
     * @param centres {@code W [C, d]} row-major
     * @param numClasses {@code C}
     * @return the fraction of rows classified correctly, in [0, 1]
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static double topOne(FeatureMatrix embeddings, int[] labels, float[] centres, int numClasses) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        if (labels.length != n || centres.length != (long) numClasses * d) {
            throw new IllegalArgumentException(labels.length + " labels and " + centres.length + " centre values for " + n
                    + " embeddings of size " + d + " and " + numClasses + " classes");
        }
        double[] norms = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += (double) centres[c * d + k] * centres[c * d + k];
            }
            norms[c] = Math.sqrt(s);
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestCos = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += (double) embeddings.get(i, k) * centres[c * d + k];
                }
                // Deliberately not core.embed.L2's error: a zero class centre mid-run scores 0 rather than stopping training.
                double cos = norms[c] == 0 ? 0 : dot / norms[c];
                if (cos > bestCos) {
                    bestCos = cos;
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return n == 0 ? 0 : (double) correct / n;
    }
}
