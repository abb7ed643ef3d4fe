package io.polyface.aggregation;

/**
 * Mean pooling of L2-normalised frames, the LFR 2019 video-track baseline:
 * {@code v = L2-normalise(Σ_i f_i / ||f_i||_2)} (spec {@code aggregation-and-evaluation.md},
 * Aggregation, "Mean pooling"; Deng et al., "Lightweight Face Recognition Challenge", ICCVW 2019).
 * Quality scores and media ids are not used (they may be null and are ignored).
 *
 * <p><b>Normalisation option</b> ({@link AggregatorBuilder#optNormalize(boolean)}, default {@code true}, as in the
 * baseline): when on, the result is the unit vector above; when off, it is the arithmetic mean of the
 * L2-normalised frames, {@code (1/n) Σ_i f_i / ||f_i||_2} — the same direction, with a norm in
 * {@code [0, 1]} that measures how well the frames agree. The mean rather than the sum keeps the
 * unnormalised result independent of how many times each frame occurs.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>One frame: {@code f_1 / ||f_1||} in both modes.</li>
 *   <li>Two frames: no special rule; the formula applies.</li>
 *   <li>Duplicating every frame leaves the result unchanged (both modes).</li>
 *   <li>A frame with zero norm: {@link IllegalArgumentException} naming the frame (it has no
 *       direction to normalise).</li>
 *   <li>Normalisation on and the normalised frames summing to the zero vector (e.g. {@code f} and
 *       {@code -f}): {@link IllegalArgumentException}, the set has no direction.</li>
 *   <li>Empty set, NaN or infinite values: {@link IllegalArgumentException} (see {@link Aggregator}).</li>
 * </ul>
 */
public final class MeanPooling implements Aggregator {

    private final boolean normalize;

    private MeanPooling(boolean normalize) {
        this.normalize = normalize;
    }

    /**
     * Starts a builder; its {@code optNormalize}: true (default) gives a unit result, false the mean of the
     * L2-normalised frames.
     *
     * @return a builder with {@code normalize = true}
     */
    public static AggregatorBuilder<MeanPooling> builder() {
        return new AggregatorBuilder<>(true, MeanPooling::new);
    }

    @Override
    public float[] aggregate(float[][] frames, float[] qualityScores, String[] mediaIds) {
        return aggregate(FrameSet.of(frames));
    }

    @Override
    public float[] aggregate(float[] frames, int n, int d, float[] qualityScores, String[] mediaIds) {
        return aggregate(FrameSet.of(frames, n, d));
    }

    private float[] aggregate(FrameSet frames) {
        try {
            double[] acc = frames.acc();
            for (int i = 0; i < frames.n; i++) {
                double norm = SetMath.frameNorm(frames, i);
                if (!(norm > 0.0 && norm < Double.POSITIVE_INFINITY)) {
                    frames.requireFinite(); // a non-finite value is reported first, as for every aggregator
                    throw new IllegalArgumentException("mean pooling: frame " + i
                            + " is the zero vector, which has no direction to L2-normalise");
                }
                SetMath.addScaled(acc, frames, i, normalize ? 1.0 / norm : 1.0 / (norm * frames.n));
            }
            return SetMath.finish(frames, acc, normalize, "mean pooling");
        } finally {
            frames.release();
        }
    }

    @Override
    public AggregationMethod method() {
        return AggregationMethod.MEAN;
    }

    @Override
    public boolean normalize() {
        return normalize;
    }

    @Override
    public boolean requiresQualityScores() {
        return false;
    }

    @Override
    public String toString() {
        return "MeanPooling[normalize=" + normalize + "]";
    }
}
