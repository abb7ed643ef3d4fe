package io.polyface.aggregation;

import java.util.Arrays;

/**
 * QAN++ aggregation, the video method of Liu et al., "Towards Flops-constrained Face Recognition"
 * (ICCV Workshops 2019, arXiv:1909.00632, section "QAN++"), as in its released inference code (spec
 * {@code aggregation-and-evaluation.md}, Aggregation, "QAN++"). A separate quality network gives a raw
 * score {@code q_i} per frame; the set feature is the weighted mean
 * {@code v = Σ_i (q'_i / Σ_j q'_j) f_i}, where for {@code n > 2} frames the scores are min–max
 * rescaled within the set, {@code q'_i = (q_i - min q) / (max q - min q)} (best frame weight 1, worst
 * 0), and for {@code n <= 2} the raw scores are used. The frames {@code f_i} are used as given (the
 * paper uses pre-BN flip-fused embeddings). Quality scores are required; media ids are ignored.
 *
 * <p><b>Normalisation option</b> ({@link AggregatorBuilder#optNormalize(boolean)}, default {@code false}, because
 * the released code did not normalise): off gives {@code v} as above; on gives {@code v / ||v||_2}.
 * Cosine matching is unaffected.
 *
 * <p><b>Edge cases</b> (the original leaves these undefined; PolyFace defines them so):
 * <ul>
 *   <li>One frame: {@code v = f_1}, whatever its score (the only convex combination of one frame).</li>
 *   <li>Two frames: raw scores, as in the original. Negative raw scores are clamped to zero,
 *       {@code c_i = max(q_i, 0)}, and {@code v = (c_1 f_1 + c_2 f_2) / (c_1 + c_2)}; if
 *       {@code c_1 + c_2 = 0} (both scores {@code <= 0}) {@code v} is the arithmetic mean.
 *       Why: a raw score used as a weight only makes sense as a non-negative "usefulness"; a negative
 *       weight would push {@code v} outside the segment between the two frames, away from the worse
 *       frame, and {@code q_1 + q_2 = 0} would divide by zero. Clamping keeps {@code v} a convex
 *       combination of the frames, is continuous in the scores (as {@code q_1} falls to 0 its weight
 *       falls to 0 and stays there), gives the frame it clamps the same weight 0 that min–max gives
 *       the worst frame for {@code n > 2}, and keeps "equal scores give the arithmetic mean" true for
 *       every {@code n}. An error instead would make one track with a negative score from an
 *       unbounded quality head abort a whole batch.</li>
 *   <li>All scores equal, {@code n > 2}: {@code max q = min q} makes the min–max rescaling 0/0;
 *       {@code v} is defined as the arithmetic mean of the frames (every frame is equally good).
 *       For {@code n <= 2} equal scores give the arithmetic mean through the rules above.</li>
 *   <li>Nearly equal scores, {@code n > 2}: min–max rescaling is scale-free, so scores that differ by
 *       a single float ulp still get weights spread over {@code [0, 1]}, as in the original.</li>
 *   <li>Duplicating every frame (with its score) leaves {@code v} unchanged for {@code n > 2} (and for
 *       {@code n = 1}); for {@code n = 2} it does not in general, because the duplicated set has four
 *       frames and is min–max rescaled, which gives the worse frame weight 0.</li>
 *   <li>NaN or infinite scores or embeddings, a missing or mis-sized score array, an empty set:
 *       {@link IllegalArgumentException} naming the frame index where there is one.</li>
 *   <li>Normalisation on and {@code v} the zero vector: {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class QanPlusPlus extends QualityWeightedAggregator {

    private QanPlusPlus(boolean normalize) {
        super(normalize, "QAN++");
    }

    /**
     * Starts a builder; its {@code optNormalize}: false (default, as the released QAN++ code) gives the weighted
     * mean {@code v}, true {@code v / ||v||_2}.
     *
     * @return a builder with {@code normalize = false}
     */
    public static AggregatorBuilder<QanPlusPlus> builder() {
        return new AggregatorBuilder<>(false, QanPlusPlus::new);
    }

    /**
     * The QAN++ frame weights, with the edge-case rules of the class documentation.
     *
     * @param q {@code [n]} raw quality scores, finite (already checked), {@code n >= 1}
     * @param w receives the weights in {@code w[0, n)}
     */
    @Override
    void frameWeights(float[] q, double[] w) {
        int n = q.length;
        if (n == 1) {
            w[0] = 1.0;
            return;
        }
        if (n == 2) {
            double c0 = Math.max(q[0], 0.0);
            double c1 = Math.max(q[1], 0.0);
            double sum = c0 + c1;
            if (sum == 0.0) {
                w[0] = 0.5;
                w[1] = 0.5;
            } else {
                w[0] = c0 / sum;
                w[1] = c1 / sum;
            }
            return;
        }
        double min = q[0];
        double max = q[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, q[i]);
            max = Math.max(max, q[i]);
        }
        double range = max - min;
        if (range == 0.0) {
            Arrays.fill(w, 0, n, 1.0 / n);
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = (q[i] - min) / range;
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
    }

    @Override
    public AggregationMethod method() {
        return AggregationMethod.QANPP;
    }
}
