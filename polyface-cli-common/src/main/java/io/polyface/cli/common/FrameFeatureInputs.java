package io.polyface.cli.common;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the per-row inputs of {@code polyface aggregate --features} and {@code polyface-spark aggregate}: the track
 * id of each frame-feature row ({@code --tracks}) and its quality score ({@code --quality}), each checked to have
 * exactly one entry per row of the feature file.
 */
public final class FrameFeatureInputs {

    private FrameFeatureInputs() {}

    /**
     * @param tracks the {@code --tracks} file, one track id per line
     * @param features the feature file (named in the error)
     * @param rows rows of the feature file
     * @return the track ids, in row order ({@code rows} of them)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException for a malformed id or a count other than {@code rows}
     */
    public static List<TrackId> trackIds(Path tracks, Path features, int rows) throws IOException {
        List<TrackId> ids = TrackIdsFile.read(tracks);
        if (ids.size() != rows) {
            throw new IllegalArgumentException(tracks + " has " + ids.size() + " track ids but " + features + " has " + rows
                    + " rows; expected one track id per row");
        }
        return ids;
    }

    /**
     * @param aggregator the aggregator (QAN and QAN++ need quality scores)
     * @param quality the {@code --quality} file, one raw score per line, or null when not given
     * @param features the feature file (named in the error)
     * @param rows rows of the feature file
     * @return the quality scores ({@code [rows]}), or null when the aggregator does not use them
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException when the aggregator needs scores and {@code quality} is null, or for a count
     *         other than {@code rows}
     */
    public static float[] qualityScores(Aggregator aggregator, Path quality, Path features, int rows) throws IOException {
        if (!aggregator.requiresQualityScores()) {
            return null;
        }
        if (quality == null) {
            throw new IllegalArgumentException("--method " + aggregator.method().cliName()
                    + " needs --quality FILE (one quality score per feature row)");
        }
        float[] scores = QualityScoresFile.read(quality);
        if (scores.length != rows) {
            throw new IllegalArgumentException(quality + " has " + scores.length + " scores but " + features + " has " + rows
                    + " rows; expected one quality score per row");
        }
        return scores;
    }
}
