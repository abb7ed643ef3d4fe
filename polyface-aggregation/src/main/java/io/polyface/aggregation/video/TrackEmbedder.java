package io.polyface.aggregation.video;

import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.aggregation.track.Track;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.pipeline.FaceResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The video pipeline up to aggregation: for each track, read its frames, align them
 * ({@link FrameAligner}), embed the crops ({@link FaceEmbedder}, in its batches) and, if a quality model
 * is configured, score the same crops ({@link QualityScorer}). The result ({@link FrameFeatures}) goes to
 * {@link io.polyface.aggregation.eval.TrackFeatures#aggregate} with any aggregator. One track's frames
 * are in memory at a time.
 *
 * <pre>{@code
 * FrameFeatures frames = TrackEmbedder.builder().setEmbedder(embedder).optQualityScorer(scorer)
 *         .optFrameAligner(FrameAligner.builder().optDetector(yunet).build()).build()
 *         .embed(TrackLayout.read(Path.of("tracks")));
 * TrackFeatures templates = TrackFeatures.aggregate(frames.embeddings(), frames.rowIds(),
 *         frames.qualityScores(), QanPlusPlus.builder().build());
 * }</pre>
 *
 * <p>Does not own (close) the embedder, scorer or detector. Thread-safe when they are.
 */
public final class TrackEmbedder {

    /** Receives progress after each track. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Called after each track.
         *
         * @param tracksDone tracks processed so far
         * @param tracksTotal all tracks
         */
        void onProgress(int tracksDone, int tracksTotal);
    }

    private final FaceEmbedder embedder;
    private final QualityScorer scorer;
    private final FrameAligner aligner;
    private final ProgressListener progress;

    private TrackEmbedder(Builder b) {
        this.embedder = b.embedder;
        this.scorer = b.scorer;
        this.aligner = b.aligner;
        this.progress = b.progress;
    }

    /**
     * Starts a builder; the embedder is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline on tracks.
     *
     * @param tracks the tracks, non-empty
     * @return one row per frame, tracks in the given order, frames in frame order
     * @throws IllegalArgumentException if {@code tracks} is empty or holds a null
     * @throws IOException if a frame cannot be read or decoded (naming the file)
     * @throws IllegalStateException if a model is closed or ONNX Runtime fails
     */
    public FrameFeatures embed(List<Track> tracks) throws IOException {
        if (tracks == null || tracks.isEmpty() || tracks.stream().anyMatch(t -> t == null)) {
            throw new IllegalArgumentException("no tracks to embed (expected a non-empty list without nulls)");
        }
        List<TrackId> ids = new ArrayList<>();
        List<FaceResult.Outcome> outcomes = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            List<AlignedFrame> aligned = aligner.align(track);
            List<RgbImage> crops = new ArrayList<>(aligned.size());
            for (AlignedFrame a : aligned) {
                crops.add(a.crop());
                outcomes.add(a.outcome());
                ids.add(track.id());
            }
            for (float[] e : embedder.embed(crops)) {
                rows.add(e);
            }
            if (scorer != null) {
                for (float q : scorer.score(crops)) {
                    scores.add(q);
                }
            }
            if (progress != null) {
                progress.onProgress(t + 1, tracks.size());
            }
        }
        float[] q = null;
        if (scorer != null) {
            q = new float[scores.size()];
            for (int i = 0; i < q.length; i++) {
                q[i] = scores.get(i);
            }
        }
        return new FrameFeatures(ids, FeatureMatrix.of(rows.toArray(float[][]::new)), q, outcomes);
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private FaceEmbedder embedder;
        private QualityScorer scorer;
        private FrameAligner aligner = FrameAligner.builder().build();
        private ProgressListener progress;

        private Builder() {}

        /**
         * @param embedder the frame-embedding model (required)
         * @return this builder
         */
        public Builder setEmbedder(FaceEmbedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /**
         * @param scorer the quality model, or null (the default) for no quality scores
         * @return this builder
         */
        public Builder optQualityScorer(QualityScorer scorer) {
            this.scorer = scorer;
            return this;
        }

        /**
         * @param aligner how frames become crops; default: no detector (centre resize), 112×112 ArcFace template
         * @return this builder
         */
        public Builder optFrameAligner(FrameAligner aligner) {
            this.aligner = aligner;
            return this;
        }

        /**
         * @param progress called after each track, or null for none
         * @return this builder
         */
        public Builder optProgress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Validates that the models take crops of the aligner's size.
         *
         * @return the pipeline
         * @throws IllegalArgumentException if the embedder or aligner is missing, or a model's input size
         *     differs from the crop size (naming both)
         */
        public TrackEmbedder build() {
            if (embedder == null) {
                throw new IllegalArgumentException("TrackEmbedder needs an embedder (setEmbedder)");
            }
            if (aligner == null) {
                throw new IllegalArgumentException("frame aligner is null");
            }
            checkSize("embedding model " + embedder.modelPath().getFileName(), embedder.preprocessing());
            if (scorer != null) {
                checkSize("quality model " + scorer.modelPath().getFileName(), scorer.preprocessing());
            }
            return new TrackEmbedder(this);
        }

        private void checkSize(String what, Preprocessing p) {
            if (p.inputWidth() != aligner.width() || p.inputHeight() != aligner.height()) {
                throw new IllegalArgumentException(what + " takes " + p.inputWidth() + "x" + p.inputHeight()
                        + " crops but the frame aligner makes " + aligner.width() + "x" + aligner.height() + " crops");
            }
        }
    }
}
