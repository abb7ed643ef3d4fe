package io.polyface.aggregation.video;

import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.pipeline.FaceResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-frame results of the video pipeline ({@link TrackEmbedder}): one row per frame, frames of a track
 * contiguous and in frame order, tracks in the order given.
 *
 * @param rowIds the track id of each row ({@code identity/track})
 * @param embeddings {@code [N, d]} frame embeddings
 * @param qualityScores {@code [N]} raw quality scores, or null when no quality model was used
 * @param outcomes how each frame was aligned ({@code DETECTED} or {@code CENTRE_RESIZED})
 */
public record FrameFeatures(List<TrackId> rowIds, FeatureMatrix embeddings, float[] qualityScores,
                            List<FaceResult.Outcome> outcomes) {

    /** Suffix of the quality file written beside the frame feature file. */
    public static final String QUALITY_SUFFIX = ".quality";

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a required part is null or the row counts differ
     */
    public FrameFeatures {
        if (rowIds == null || embeddings == null || outcomes == null) {
            throw new IllegalArgumentException("rowIds, embeddings and outcomes must not be null");
        }
        int n = embeddings.rows();
        if (rowIds.size() != n || outcomes.size() != n || (qualityScores != null && qualityScores.length != n)) {
            throw new IllegalArgumentException("frame features: " + n + " embeddings, " + rowIds.size() + " track ids, "
                    + outcomes.size() + " outcomes, " + (qualityScores == null ? "no" : qualityScores.length)
                    + " quality scores; expected one of each per frame");
        }
        rowIds = List.copyOf(rowIds);
        outcomes = List.copyOf(outcomes);
        qualityScores = qualityScores == null ? null : qualityScores.clone();
    }

    /**
     * The quality scores.
     *
     * @return a copy of the {@code [N]} scores, or null when no quality model was used
     */
    @Override
    public float[] qualityScores() {
        return qualityScores == null ? null : qualityScores.clone();
    }

    /**
     * The number of frames with a given alignment outcome.
     *
     * @param outcome the outcome
     * @return how many frames had it
     */
    public long count(FaceResult.Outcome outcome) {
        return outcomes.stream().filter(o -> o == outcome).count();
    }

    /**
     * Writes the frame embeddings as an LFR feature file, plus {@code out + ".tracks"} (track id per row)
     * and, when there are quality scores, {@code out + ".quality"} (score per row) — the inputs of
     * {@code polyface aggregate --features --tracks --quality}; each file atomically.
     *
     * @param out the feature file to create or replace
     * @throws IOException if a file cannot be written
     */
    public void write(Path out) throws IOException {
        LfrFeatureFile.write(out, embeddings);
        TrackIdsFile.write(TrackFeatures.sibling(out, TrackFeatures.TRACKS_SUFFIX), rowIds);
        if (qualityScores != null) {
            QualityScoresFile.write(TrackFeatures.sibling(out, QUALITY_SUFFIX), qualityScores);
        }
    }
}
