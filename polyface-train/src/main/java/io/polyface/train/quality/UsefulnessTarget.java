package io.polyface.train.quality;

import io.polyface.aggregation.TrackId;
import io.polyface.core.embed.L2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-frame usefulness target of recipe (b) ({@link QualityRegression}): how well a frame's frozen
 * embedding agrees with the embeddings of the same person, a cosine in {@code [-1, 1]}. With
 * {@code f̂_i = f_i / ||f_i||}:
 * <ul>
 *   <li>{@link #CLASS_CENTRE}: {@code t_i = cos(f_i, c_y)} with {@code c_y = Σ_{j: y_j = y} f̂_j}, the
 *       (direction of the) mean normalised embedding of the frame's identity over all its frames. This
 *       is the class-centre similarity (CCS) of CR-FIQA (Boutros et al., "CR-FIQA: Face Image Quality
 *       Assessment by Learning Sample Relative Classifiability", CVPR 2023, Sec. 3), with the centre
 *       estimated from the frozen network's embeddings, since its classifier weights are not at hand.</li>
 *   <li>{@link #SET_MEAN}: {@code t_i = cos(f_i, Σ_{j ∈ s, j ≠ i} f̂_j)}, the agreement with the other
 *       frames of its own set (track), leave-one-out so that a frame does not vote for itself: what a
 *       weighted set mean such as QAN's set feature (Liu et al., CVPR 2017) gains from the frame. It
 *       simplifies the pseudo labels of SDD-FIQA (Ou et al., CVPR 2021), which compare a sample's genuine
 *       and impostor similarity distributions, to the genuine side within the set. Needs at least two
 *       frames per track.</li>
 * </ul>
 * Sums run in double precision.
 */
public enum UsefulnessTarget {

    /** Cosine to the identity's class centre (CR-FIQA's CCS). */
    CLASS_CENTRE,
    /** Cosine to the leave-one-out mean of the frame's own track. */
    SET_MEAN;

    /**
     * Computes the targets.
     *
     * @param data the frames
     * @return {@code [n]} targets in {@code [-1, 1]}, in frame order
     * @throws IllegalArgumentException for {@link #SET_MEAN} if a track has a single frame, or if a
     *     centre is the zero vector (embeddings that cancel exactly), or if a frame's embedding is all zero or not
     *     finite (the policy of {@link L2})
     */
    public float[] compute(QualityFrames data) {
        int n = data.size();
        int d = data.embeddingSize();
        double[][] unit = new double[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = L2.unit(data.embedding(i), "the embedding of frame " + i);
        }
        Map<String, double[]> sums = new HashMap<>();
        Map<String, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TrackId id = data.trackIds().get(i);
            String key = this == CLASS_CENTRE ? id.identity() : id.trackKey();
            double[] s = sums.computeIfAbsent(key, k -> new double[d]);
            for (int j = 0; j < d; j++) {
                s[j] += unit[i][j];
            }
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            TrackId id = data.trackIds().get(i);
            String key = this == CLASS_CENTRE ? id.identity() : id.trackKey();
            double[] centre = sums.get(key).clone();
            if (this == SET_MEAN) {
                if (members.get(key).size() < 2) {
                    throw new IllegalArgumentException("track " + key + " has one frame; the set-mean target needs at least two");
                }
                for (int j = 0; j < d; j++) {
                    centre[j] -= unit[i][j];
                }
            }
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                dot += unit[i][j] * centre[j];
                norm += centre[j] * centre[j];
            }
            if (norm == 0) {
                throw new IllegalArgumentException("the " + (this == CLASS_CENTRE ? "class centre of " : "set mean of ") + key
                        + " is the zero vector; no cosine target for frame " + i);
            }
            t[i] = (float) (dot / Math.sqrt(norm));
        }
        return t;
    }
}
