package io.polyface.aggregation;

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
        try {
            int[] group = groupMedia(frames, faceness, mediaIds);
            double[] acc = normalizeMedia ? sumOfUnitMediaMeans(frames, faceness, mediaIds, group) : sumOfMediaMeans(frames, faceness, group);
            return SetMath.finish(frames, acc, normalize, "IJB template");
        } catch (IllegalArgumentException e) {
            frames.requireFinite(); // a non-finite frame value is reported first, as for every aggregator
            throw e;
        } finally {
            frames.release();
        }
    }

    /**
     * Checks the media ids (and faceness scores) and groups the frames by media id, in order of first occurrence.
     *
     * @return {@code g} in {@code frames.ints()}: {@code g[i]} is the first frame with frame {@code i}'s media id,
     *     {@code g[n + f]} the number of frames with the media id of first frame {@code f}
     */
    private int[] groupMedia(FrameSet frames, float[] faceness, String[] mediaIds) {
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
        int[] g = frames.ints();
        for (int i = 0; i < n; i++) {
            String id = mediaIds[i];
            if (id == null) {
                throw new IllegalArgumentException("IJB template: mediaIds[" + i + "] (frame " + i + ") is null");
            }
            g[n + i] = 0;
            int first = i;
            // frames of one media are usually adjacent: try the previous frame's media first
            if (i > 0 && id.equals(mediaIds[g[i - 1]])) {
                first = g[i - 1];
            } else {
                for (int f = 0; f < i; f++) {
                    if (g[f] == f && id.equals(mediaIds[f])) {
                        first = f;
                        break;
                    }
                }
            }
            g[i] = first;
            g[n + first]++;
        }
        return g;
    }

    /** {@code Σ_m (1/|m|) Σ_{i ∈ m} w_i f_i}, frame by frame ({@code w_i} the faceness score or 1). */
    private double[] sumOfMediaMeans(FrameSet frames, float[] faceness, int[] group) {
        double[] w = frames.weights();
        for (int i = 0; i < frames.n; i++) {
            w[i] = 1.0 / group[frames.n + group[i]];
            if (facenessWeighting) {
                w[i] *= faceness[i];
            }
        }
        return SetMath.weightedSum(frames, w);
    }

    /** {@code Σ_m m̂_m}, media in order of first occurrence, each media's frames in order. */
    private double[] sumOfUnitMediaMeans(FrameSet frames, float[] faceness, String[] mediaIds, int[] group) {
        int n = frames.n;
        int d = frames.d;
        double[] acc = frames.acc();
        for (int first = 0; first < n; first++) {
            if (group[first] != first) {
                continue;
            }
            double[] m = frames.media();
            for (int i = first; i < n; i++) {
                if (group[i] == first) {
                    SetMath.addScaled(m, frames, i, facenessWeighting ? faceness[i] : 1.0);
                }
            }
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += m[j] * m[j];
            }
            if (sq == 0) {
                throw new IllegalArgumentException("IJB template: the mean of media '" + mediaIds[first]
                        + "' is the zero vector, so it cannot be L2-normalised (media normalisation is on)");
            }
            double inv = 1.0 / Math.sqrt(sq);
            for (int j = 0; j < d; j++) {
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
