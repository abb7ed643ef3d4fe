package io.polyface.train.finetune;

import io.polyface.core.embed.L2;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.nn.OwnedArrays;
import io.polyface.losses.head.MarginHead;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.eval.DatasetEmbeddings;
import io.polyface.train.eval.NetworkEmbedder;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * "Anchor fine-tuning" as PolyFace defines it (the paper names the technique but does not describe it;
 * ../shared/spec/losses.md, "Training tricks"): start from a trained or imported backbone, initialise
 * every class centre from the mean embedding of its class — so the classifier starts where the
 * backbone already puts each identity, instead of at random directions whose first large gradients
 * would disturb the backbone — and then train with a lower learning rate for the backbone than for
 * the head (the trainer's backbone learning-rate multiplier, e.g. 0.1).
 *
 * <p>Centre of class {@code c}: {@code W_c = normalise(Σ_{i: y_i = c} normalise(x_i))}, the direction of
 * the mean of the L2-normalised embeddings of its images (inference mode, no augmentation). Only
 * directions matter to the margin losses' cosines.
 */
public final class AnchorCentres {

    private AnchorCentres() {}

    /**
     * Sets each class centre of a head to the mean L2-normalised embedding of its class
     * ({@link #classMeans}), in place.
     *
     * @param embedder the current network's embedder (inference mode)
     * @param trainingSet the training images (its labels are the head's classes)
     * @param head the head whose centres {@code [C, d]} are set
     * @param fineTuning receives a note for the checkpoint's provenance
     * @throws IOException if an image cannot be read
     * @throws IllegalArgumentException as {@link #classMeans}
     */
    public static void assign(NetworkEmbedder embedder, FaceDataset trainingSet, MarginHead head, Map<String, Object> fineTuning)
            throws IOException {
        DatasetEmbeddings e = embedder.embed(trainingSet);
        float[] centres = classMeans(e.features(), e.labels(trainingSet), head.getNumClasses());
        OwnedArrays.assign(head.getCentres().getArray(), centres);
        fineTuning.put("anchor_centres", "class means of L2-normalised embeddings (" + trainingSet.size() + " images)");
    }

    /**
     * Computes the class-mean centres.
     *
     * @param embeddings {@code [N, d]}
     * @param labels the class of each row, in {@code [0, C)}
     * @param numClasses {@code C}
     * @return {@code W [C, d]} row-major, each row of unit length
     * @throws IllegalArgumentException if the label count differs from {@code N}, a label is out of range,
     *     a class has no image, or a class's mean is the zero vector
     */
    public static float[] classMeans(FeatureMatrix embeddings, int[] labels, int numClasses) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " embeddings");
        }
        double[] sums = new double[numClasses * d];
        int[] counts = new int[numClasses];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("label " + c + " of row " + i + " is outside [0, " + numClasses + ")");
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += (double) embeddings.get(i, k) * embeddings.get(i, k);
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                // Deliberately not L2's error: a zero image embedding (e.g. a blank crop) only drops out of its class mean;
                // a class with no non-zero embedding is the error below.
                continue;
            }
            for (int k = 0; k < d; k++) {
                sums[c * d + k] += embeddings.get(i, k) / norm;
            }
            counts[c]++;
        }
        float[] out = new float[numClasses * d];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no image with a non-zero embedding; cannot place its centre");
            }
            double norm = L2.norm(Arrays.copyOfRange(sums, c * d, (c + 1) * d), "the mean embedding of class " + c);
            for (int k = 0; k < d; k++) {
                out[c * d + k] = (float) (sums[c * d + k] / norm);
            }
        }
        return out;
    }
}
