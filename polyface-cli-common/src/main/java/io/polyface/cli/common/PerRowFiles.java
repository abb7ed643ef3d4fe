package io.polyface.cli.common;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.core.io.LabelsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the files that give one entry per row of an LFR feature file, for the sub-commands of {@code polyface} and
 * {@code polyface-spark}: identity labels ({@code eval}, {@code search}), track ids and quality scores
 * ({@code aggregate}); each is checked to have exactly one entry per row, else an {@link IllegalArgumentException}
 * names both files and both counts.
 */
public final class PerRowFiles {

    private PerRowFiles() {}

    /**
     * @param labels the labels file, one identity label per line
     * @param features the feature file (named in the error)
     * @param rows rows of the feature file
     * @return the labels, in row order ({@code rows} of them)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException for a count other than {@code rows}
     */
    public static List<String> labels(Path labels, Path features, int rows) throws IOException {
        List<String> ids = LabelsFile.read(labels);
        requireOneLabelPerRow(labels, ids, features, rows);
        return ids;
    }

    /**
     * @param labels the labels file (named in the error)
     * @param ids the labels read from it
     * @param features the feature file (named in the error)
     * @param rows rows of the feature file
     * @throws IllegalArgumentException if there are not exactly {@code rows} labels
     */
    public static void requireOneLabelPerRow(Path labels, List<String> ids, Path features, int rows) {
        if (ids.size() != rows) {
            throw new IllegalArgumentException(labels + " has " + ids.size() + " labels but " + features + " has " + rows
                    + " rows; expected one label per row");
        }
    }

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
