package io.polyface.aggregation;

import io.polyface.core.embed.L2;
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
 * <p><b>Media normalisation option</b> ({@link Builder#optNormalizeMedia(boolean)}, default {@code false};
 * the line InsightFace's {@code image2template_feature} keeps commented out): when on, each media mean is
 * L2-normalised before the sum, {@code t = L2-normalise(Σ_m m̂_m)}, so every media counts equally whatever
 * its features' norms; a media mean that is the zero vector is then an {@link IllegalArgumentException}.
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
    private final boolean normalizeMedia;

    private IjbTemplate(Builder builder) {
        this.normalize = builder.normalize;
        this.facenessWeighting = builder.facenessWeighting;
        this.normalizeMedia = builder.normalizeMedia;
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
        if (normalizeMedia) {
            return SetMath.finish(sumOfUnitMediaMeans(frames, faceness, mediaIds), normalize, "IJB template");
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

    private double[] sumOfUnitMediaMeans(FrameSet frames, float[] faceness, String[] mediaIds) {
        Map<String, double[]> media = new LinkedHashMap<>();
        for (int i = 0; i < frames.n; i++) {
            double[] m = media.computeIfAbsent(mediaIds[i], k -> new double[frames.d]);
            SetMath.addScaled(m, frames, i, facenessWeighting ? faceness[i] : 1.0);
        }
        double[] acc = new double[frames.d];
        for (Map.Entry<String, double[]> e : media.entrySet()) {
            double[] m = e.getValue();
            double inv = 1.0 / L2.norm(m, "IJB template (media normalisation on): the mean of media '" + e.getKey() + "'");
            for (int j = 0; j < acc.length; j++) {
                acc[j] += m[j] * inv;
            }
        }
        return acc;
    }

    /**
     * Whether frame features are multiplied by their detector faceness scores.
     *
     * @return the option chosen when this aggregator was built
     */
    public boolean facenessWeighting() {
        return facenessWeighting;
    }

    /**
     * Whether each media mean is L2-normalised before the sum.
     *
     * @return the option chosen when this aggregator was built
     */
    public boolean normalizeMedia() {
        return normalizeMedia;
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
        return "IjbTemplate[normalize=" + normalize + ", facenessWeighting=" + facenessWeighting + ", normalizeMedia="
                + normalizeMedia + "]";
    }

    /** Builds an {@link IjbTemplate}. */
    public static final class Builder {

        private boolean normalize = true;
        private boolean facenessWeighting;
        private boolean normalizeMedia;

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
         * Sets whether each media mean is L2-normalised before the media are summed.
         *
         * @param normalizeMedia false (default): media means summed as they are; true: unit media means summed
         * @return this builder
         */
        public Builder optNormalizeMedia(boolean normalizeMedia) {
            this.normalizeMedia = normalizeMedia;
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
