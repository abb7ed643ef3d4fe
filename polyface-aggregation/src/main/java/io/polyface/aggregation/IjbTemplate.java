package io.polyface.aggregation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IJB-B/C template rule (spec {@code aggregation-and-evaluation.md}, Aggregation, "IJB-B/C
 * templates"; as in InsightFace's IJB evaluation, {@code recognition/_evaluation_/ijb}): the features
 * of the frames that share a media id are averaged, the media features are summed, and the sum is
 * L2-normalised: {@code t = L2-normalise(Σ_m (1/|m|) Σ_{i ∈ m} f_i)}. Optionally (the "D1" test mode
 * of that evaluation) each frame feature is first multiplied by its detector faceness score,
 * passed as {@code qualityScores}. The frames {@code f_i} are used as given (image + flip fused).
 * Media ids are required, one per frame; ids are compared with {@link String#equals}.
 *
 * <p><b>Normalisation option</b> ({@link Builder#optNormalize(boolean)}, default {@code true}, part of
 * the rule): off gives the unnormalised sum of media means {@code Σ_m (1/|m|) Σ_{i ∈ m} f_i}.
 *
 * <p><b>Faceness option</b> ({@link Builder#optFacenessWeighting(boolean)}, default {@code false}): when
 * on, {@code qualityScores} is required and holds the detector's faceness score of each frame, finite
 * and {@code >= 0} (a detector probability); when off, {@code qualityScores} is ignored.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>One frame: {@code f_1} (normalised if the option is on).</li>
 *   <li>Two frames: no special rule; the formula applies.</li>
 *   <li>All frames in one media: the arithmetic mean of the frames; all frames in distinct media (still
 *       images): their sum.</li>
 *   <li>Duplicating every frame together with its media id leaves the result unchanged (media means
 *       do not change), in both modes.</li>
 *   <li>Missing or mis-sized media ids, a null id, a negative faceness score: {@link IllegalArgumentException}
 *       naming the frame index.</li>
 *   <li>NaN or infinite scores or embeddings, an empty set: {@link IllegalArgumentException}.</li>
 *   <li>Normalisation on and the sum the zero vector (including every faceness score 0):
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class IjbTemplate implements Aggregator {

    private final boolean normalize;
    private final boolean facenessWeighting;

    private IjbTemplate(Builder builder) {
        this.normalize = builder.normalize;
        this.facenessWeighting = builder.facenessWeighting;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with {@code normalize = true} and {@code facenessWeighting = false}
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public float[] aggregate(float[][] frames, float[] qualityScores, String[] mediaIds) {
        return aggregate(FrameSet.of(frames), qualityScores, mediaIds);
    }

    @Override
    public float[] aggregate(float[] frames, int n, int d, float[] qualityScores, String[] mediaIds) {
        return aggregate(FrameSet.of(frames, n, d), qualityScores, mediaIds);
    }

    private float[] aggregate(FrameSet frames, float[] faceness, String[] mediaIds) {
        int n = frames.n;
        if (mediaIds == null) {
            throw new IllegalArgumentException("IJB template: mediaIds is null; expected one media id per frame (n = " + n
                    + "); give each still image its own id");
        }
        if (mediaIds.length != n) {
            throw new IllegalArgumentException("IJB template: mediaIds has length " + mediaIds.length
                    + "; expected one media id per frame, n = " + n);
        }
        if (facenessWeighting) {
            SetMath.checkScores(faceness, n, "qualityScores (faceness)", "IJB template with faceness weighting");
            for (int i = 0; i < n; i++) {
                if (faceness[i] < 0f) {
                    throw new IllegalArgumentException("IJB template: faceness score " + faceness[i] + " of frame " + i
                            + " is negative; expected a detector score >= 0");
                }
            }
        }
        Map<String, Integer> frameCount = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (mediaIds[i] == null) {
                throw new IllegalArgumentException("IJB template: mediaIds[" + i + "] (frame " + i + ") is null");
            }
            frameCount.merge(mediaIds[i], 1, Integer::sum);
        }
        double[] acc = new double[frames.d];
        for (int i = 0; i < n; i++) {
            double w = 1.0 / frameCount.get(mediaIds[i]);
            if (facenessWeighting) {
                w *= faceness[i];
            }
            SetMath.addScaled(acc, frames, i, w);
        }
        return SetMath.finish(acc, normalize, "IJB template");
    }

    /**
     * Whether frame features are multiplied by their detector faceness scores.
     *
     * @return the option chosen when this aggregator was built
     */
    public boolean facenessWeighting() {
        return facenessWeighting;
    }

    @Override
    public AggregationMethod method() {
        return AggregationMethod.IJB;
    }

    @Override
    public boolean normalize() {
        return normalize;
    }

    @Override
    public boolean requiresQualityScores() {
        return facenessWeighting;
    }

    @Override
    public boolean requiresMediaIds() {
        return true;
    }

    @Override
    public String toString() {
        return "IjbTemplate[normalize=" + normalize + ", facenessWeighting=" + facenessWeighting + "]";
    }

    /** Builds an {@link IjbTemplate}. */
    public static final class Builder {

        private boolean normalize = true;
        private boolean facenessWeighting;

        private Builder() {}

        /**
         * Sets whether the result is L2-normalised.
         *
         * @param normalize true (default): the unit template feature; false: the sum of media means
         * @return this builder
         */
        public Builder optNormalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * Sets whether each frame feature is multiplied by its detector faceness score (given as
         * {@code qualityScores}) before the media means.
         *
         * @param facenessWeighting false (default): scores ignored; true: scores required, finite, {@code >= 0}
         * @return this builder
         */
        public Builder optFacenessWeighting(boolean facenessWeighting) {
            this.facenessWeighting = facenessWeighting;
            return this;
        }

        /**
         * Builds the aggregator.
         *
         * @return a new, immutable {@link IjbTemplate}
         */
        public IjbTemplate build() {
            return new IjbTemplate(this);
        }
    }
}
