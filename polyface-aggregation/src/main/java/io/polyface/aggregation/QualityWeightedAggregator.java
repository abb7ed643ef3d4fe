package io.polyface.aggregation;

/**
 * An aggregator whose set feature is the weighted sum {@code Σ_i w_i f_i} of the frames, with weights
 * {@code w} computed from the frames' raw quality scores alone ({@link Qan}, {@link QanPlusPlus}): checks
 * the scores, forms the weighted sum and optionally L2-normalises it ({@link SetMath}). Quality scores are
 * required; media ids are ignored.
 */
abstract class QualityWeightedAggregator implements Aggregator {

    private final boolean normalize;
    private final String name;

    /**
     * @param normalize whether the result is L2-normalised
     * @param name the method's name in error messages and {@link #toString()} prefix, e.g. {@code "QAN"}
     */
    QualityWeightedAggregator(boolean normalize, String name) {
        this.normalize = normalize;
        this.name = name;
    }

    /**
     * The frame weights.
     *
     * @param scores {@code [n]} raw quality scores, finite (already checked), {@code n >= 1}
     * @param w receives the {@code n} non-negative weights summing to 1 up to rounding, in {@code w[0, n)}
     */
    abstract void frameWeights(float[] scores, double[] w);

    @Override
    public final float[] aggregate(float[][] frames, float[] qualityScores, String[] mediaIds) {
        return aggregate(FrameSet.of(frames), qualityScores);
    }

    @Override
    public final float[] aggregate(float[] frames, int n, int d, float[] qualityScores, String[] mediaIds) {
        return aggregate(FrameSet.of(frames, n, d), qualityScores);
    }

    private float[] aggregate(FrameSet frames, float[] scores) {
        try {
            SetMath.checkScores(frames, scores, "qualityScores", name);
            double[] w = frames.weights();
            frameWeights(scores, w);
            return SetMath.finish(frames, SetMath.weightedSum(frames, w), normalize, name);
        } finally {
            frames.release();
        }
    }

    @Override
    public final boolean normalize() {
        return normalize;
    }

    @Override
    public final boolean requiresQualityScores() {
        return true;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[normalize=" + normalize + "]";
    }
}
