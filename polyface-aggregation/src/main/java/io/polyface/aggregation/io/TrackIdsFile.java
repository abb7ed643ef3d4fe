package io.polyface.aggregation.io;

import io.polyface.aggregation.TrackId;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tracks file: the {@link TrackId} of each row of a feature file, one per line in row order,
 * {@code identity/track} or {@code identity/track/media} (e.g. {@code s7/t0}); the {@code --tracks}
 * input and {@code FILE.tracks} output of {@code polyface aggregate}.
 */
public final class TrackIdsFile {

    private TrackIdsFile() {}

    /**
     * Reads the ids.
     *
     * @param file the tracks file
     * @return one id per line
     * @throws MalformedFileException if the file is empty or a line is not a valid id (naming the
     *     1-based line and quoting it)
     * @throws IOException if the file cannot be read
     */
    public static List<TrackId> read(Path file) throws IOException {
        List<String> lines = LinesFile.read(file);
        if (lines.isEmpty()) {
            throw new MalformedFileException(file, "tracks file is empty; expected one track id (identity/track) per feature row");
        }
        try {
            return TrackId.parseLines(lines, "tracks file");
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, e.getMessage());
        }
    }

    /**
     * Writes the ids, one per line, atomically.
     *
     * @param file the file to create or replace
     * @param ids the ids
     * @throws IOException if writing fails
     */
    public static void write(Path file, List<TrackId> ids) throws IOException {
        List<String> lines = new ArrayList<>(ids.size());
        for (TrackId id : ids) {
            lines.add(id.toString());
        }
        LinesFile.write(file, lines);
    }
}
