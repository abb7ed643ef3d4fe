package io.polyface.aggregation;

/**
 * Quality Aware Network aggregation (Liu, Yan and Ouyang, "Quality Aware Network for Set to Set
 * Recognition", CVPR 2017, Sec. 3; spec {@code aggregation-and-evaluation.md}, Aggregation, "QAN"):
 * each frame's raw quality score {@code s_i} becomes {@code μ_i = sigmoid(s_i) = 1 / (1 + e^{-s_i})},
 * the scores are L1-normalised within the set, and the set feature is the weighted mean
 * {@code R = Σ_i μ_i f_i / Σ_i μ_i}. The frames {@code f_i} are used as given (not L2-normalised
 * first). Quality scores are required; media ids are ignored.
 *
 * <p><b>Numerics.</b> The weights {@code μ_i / Σ_j μ_j} are computed from {@code log μ_i} (a stable
 * log-sigmoid) shifted by its maximum, which is the same quantity but never 0/0: with scores such as
 * {@code -1000}, where {@code sigmoid} underflows to 0 in floating point, the weights are still the
 * exact limit ({@code ∝ e^{s_i}}).
 *
 * <p><b>Normalisation option</b> ({@link AggregatorBuilder#optNormalize(boolean)}, default {@code false}): off gives
 * {@code R} exactly as in the formula above; on gives {@code R / ||R||_2} (QAN trains on L2-normalised
 * set features).
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>One frame: the weight is 1, so {@code R = f_1} whatever its score.</li>
 *   <li>Two frames: no special rule; the formula applies.</li>
 *   <li>All scores equal (any value, including very negative ones): every weight is {@code 1/n}, so
 *       {@code R} is the arithmetic mean of the frames.</li>
 *   <li>Negative scores: allowed for every {@code n}; the sigmoid makes every weight positive.</li>
 *   <li>Duplicating every frame (with its score) leaves the result unchanged.</li>
 *   <li>NaN or infinite scores or embeddings, a missing or mis-sized score array, an empty set:
 *       {@link IllegalArgumentException} naming the frame index where there is one.</li>
 *   <li>Normalisation on and {@code R} the zero vector: {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class Qan extends QualityWeightedAggregator {

    private Qan(boolean normalize) {
        super(normalize, "QAN");
    }

    /**
     * Starts a builder; its {@code optNormalize}: false (default) gives the weighted mean {@code R}, true
     * {@code R / ||R||_2}.
     *
     * @return a builder with {@code normalize = false}
     */
    public static AggregatorBuilder<Qan> builder() {
        return new AggregatorBuilder<>(false, Qan::new);
    }

    /**
     * The QAN frame weights {@code sigmoid(s_i) / Σ_j sigmoid(s_j)}, written into a buffer ({@code log μ_i}
     * is kept there until the exponentials).
     *
     * @param scores {@code [n]} raw quality scores, finite (already checked)
     * @param w receives the weights in {@code w[0, n)}
     */
    @Override
    void frameWeights(float[] scores, double[] w) {
        int n = scores.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            w[i] = logSigmoid(scores[i]);
            max = Math.max(max, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(w[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
    }

    /** {@code log(1 / (1 + e^{-s}))}, without overflow for any finite {@code s}. */
    private static double logSigmoid(double s) {
        return s >= 0 ? -Math.log1p(Math.exp(-s)) : s - Math.log1p(Math.exp(s));
    }

    @Override
    public AggregationMethod method() {
        return AggregationMethod.QAN;
    }
}
