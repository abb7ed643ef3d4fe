package io.polyface.aggregation.eval;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackGroup;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.io.LinesFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One aggregated feature per track (template): the rows of a frame-feature matrix grouped by track id
 * ({@link TrackGroup#groupRows}) and aggregated by an {@link Aggregator}. Row {@code t} of
 * {@link #features()} belongs to {@code tracks().get(t)}; tracks are in the order of their first frame.
 *
 * @param tracks the tracks, in row order of {@code features}
 * @param features {@code [T, d]}, one aggregated feature per track
 */
public record TrackFeatures(List<TrackGroup> tracks, FeatureMatrix features) {

    /** Suffix of the tracks file written beside the feature file. */
    public static final String TRACKS_SUFFIX = ".tracks";
    /** Suffix of the labels file written beside the feature file. */
    public static final String LABELS_SUFFIX = ".labels";

    /**
     * Validates and copies the list.
     *
     * @throws IllegalArgumentException if a part is null or the sizes differ
     */
    public TrackFeatures {
        if (tracks == null || features == null) {
            throw new IllegalArgumentException("tracks and features must not be null");
        }
        if (tracks.size() != features.rows()) {
            throw new IllegalArgumentException(tracks.size() + " tracks but " + features.rows() + " feature rows");
        }
        tracks = List.copyOf(tracks);
    }

    /**
     * Aggregates frame features by track.
     *
     * @param frames {@code [N, d]} frame embeddings, one per row (not modified)
     * @param rowIds the track id of each row, {@code N} of them ({@code identity/track/media} for
     *     aggregators that need media ids)
     * @param qualityScores {@code [N]} per-row quality scores, required when the aggregator needs them,
     *     otherwise ignored (may be null)
     * @param aggregator the aggregation method
     * @return one feature per track
     * @throws IllegalArgumentException if the counts differ, scores are missing where needed, media ids
     *     are missing where needed, or aggregating a track fails (the message names the track)
     */
    public static TrackFeatures aggregate(FeatureMatrix frames, List<TrackId> rowIds, float[] qualityScores,
                                          Aggregator aggregator) {
        if (frames == null || rowIds == null || aggregator == null) {
            throw new IllegalArgumentException("frames, rowIds and aggregator must not be null");
        }
        if (rowIds.size() != frames.rows()) {
            throw new IllegalArgumentException(rowIds.size() + " track ids for " + frames.rows()
                    + " feature rows; expected one track id per row");
        }
        float[] scores = null;
        if (aggregator.requiresQualityScores()) {
            if (qualityScores == null) {
                throw new IllegalArgumentException(aggregator.method().cliName() + " needs per-frame quality scores, none were given");
            }
            if (qualityScores.length != frames.rows()) {
                throw new IllegalArgumentException(qualityScores.length + " quality scores for " + frames.rows()
                        + " feature rows; expected one score per row");
            }
            scores = qualityScores;
        }
        List<TrackGroup> groups = TrackGroup.groupRows(rowIds);
        if (aggregator.requiresMediaIds() && groups.get(0).mediaIdArray() == null) {
            throw new IllegalArgumentException(aggregator.method().cliName()
                    + " needs a media id per frame: give track ids as identity/track/media");
        }
        int d = frames.cols();
        float[] out = new float[groups.size() * d];
        for (int t = 0; t < groups.size(); t++) {
            TrackGroup g = groups.get(t);
            float[] rows = new float[g.size() * d];
            for (int k = 0; k < g.size(); k++) {
                int r = g.rows().get(k);
                frames.copyRows(r, r + 1, rows, k * d);
            }
            float[] v;
            try {
                v = aggregator.aggregate(rows, g.size(), d, scores == null ? null : g.gatherValues(scores), g.mediaIdArray());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("track " + g.trackKey() + " (rows " + describeRows(g) + "): " + e.getMessage(), e);
            }
            System.arraycopy(v, 0, out, t * d, d);
        }
        return new TrackFeatures(groups, FeatureMatrix.fromRowMajor(groups.size(), d, out));
    }

    private static String describeRows(TrackGroup g) {
        List<Integer> rows = g.rows();
        return rows.size() <= 6 ? rows.toString() : rows.subList(0, 6).toString().replace("]", ", …]");
    }

    /**
     * The identity of each track, in row order (the labels for all-pairs evaluation).
     *
     * @return {@code [T]} identities
     */
    public List<String> labels() {
        List<String> out = new ArrayList<>(tracks.size());
        for (TrackGroup g : tracks) {
            out.add(g.identity());
        }
        return out;
    }

    /**
     * The id of each track, in row order.
     *
     * @return {@code [T]} ids {@code identity/track}
     */
    public List<TrackId> trackIds() {
        List<TrackId> out = new ArrayList<>(tracks.size());
        for (TrackGroup g : tracks) {
            out.add(new TrackId(g.identity(), g.track(), null));
        }
        return out;
    }

    /**
     * Writes the features as an LFR feature file, plus {@code out + ".tracks"} (track id per row) and
     * {@code out + ".labels"} (identity per row, what {@code polyface eval --labels} reads); each file
     * atomically.
     *
     * @param out the feature file to create or replace
     * @throws IOException if a file cannot be written
     */
    public void write(Path out) throws IOException {
        LfrFeatureFile.write(out, features);
        TrackIdsFile.write(sibling(out, TRACKS_SUFFIX), trackIds());
        LinesFile.write(sibling(out, LABELS_SUFFIX), labels());
    }

    /**
     * The file beside {@code out} whose name is {@code out}'s plus a suffix.
     *
     * @param out a file
     * @param suffix e.g. {@link #TRACKS_SUFFIX}
     * @return {@code out} with the suffix appended to its file name
     */
    public static Path sibling(Path out, String suffix) {
        return out.resolveSibling(out.getFileName().toString() + suffix);
    }
}
