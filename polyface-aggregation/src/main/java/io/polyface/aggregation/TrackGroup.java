package io.polyface.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a feature matrix that belong to one track, found by {@link #groupRows(List)}: the
 * frames one aggregated feature is made from.
 *
 * @param identity the identity label of the track
 * @param track the track name within the identity
 * @param rows the 0-based row indices of the track's frames (ascending when made by {@link #groupRows(List)}), non-empty
 * @param mediaIds the media id of each row, in the order of {@code rows}, or an empty list when the
 *     track ids have no media part
 */
public record TrackGroup(String identity, String track, List<Integer> rows, List<String> mediaIds) {

    /**
     * Validates and copies.
     *
     * @param identity the identity label
     * @param track the track name
     * @param rows the row indices
     * @param mediaIds the media id of each row, or empty
     * @throws IllegalArgumentException if a part is null, {@code rows} is empty or holds a null or
     *     negative index, or {@code mediaIds} is neither empty nor of the size of {@code rows}
     */
    public TrackGroup {
        if (identity == null || track == null || rows == null || mediaIds == null) {
            throw new IllegalArgumentException("track group parts must not be null");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("track group " + identity + "/" + track + " has no rows");
        }
        for (Integer r : rows) {
            if (r == null || r < 0) {
                throw new IllegalArgumentException("track group " + identity + "/" + track + " has row index " + r
                        + "; expected 0-based indices >= 0");
            }
        }
        if (!mediaIds.isEmpty() && mediaIds.size() != rows.size()) {
            throw new IllegalArgumentException("track group " + identity + "/" + track + " has " + rows.size()
                    + " rows but " + mediaIds.size() + " media ids");
        }
        rows = List.copyOf(rows);
        mediaIds = List.copyOf(mediaIds);
    }

    /**
     * Groups feature rows by track: row {@code r} belongs to {@code rowIds.get(r).trackKey()}. Tracks
     * are listed in the order of their first row; a track's rows need not be contiguous.
     *
     * @param rowIds the track id of each row, in row order
     * @return one group per distinct {@code identity/track}
     * @throws IllegalArgumentException if {@code rowIds} is null or empty, holds a null, or mixes ids
     *     with and without a media part (naming the first row that differs from row 0)
     */
    public static List<TrackGroup> groupRows(List<TrackId> rowIds) {
        if (rowIds == null || rowIds.isEmpty()) {
            throw new IllegalArgumentException("no track ids to group; expected one track id per feature row");
        }
        if (rowIds.get(0) == null) {
            throw new IllegalArgumentException("track id of row 0 is null");
        }
        boolean withMedia = rowIds.get(0).hasMedia();
        Map<String, List<Integer>> rowsByTrack = new LinkedHashMap<>();
        Map<String, TrackId> first = new LinkedHashMap<>();
        for (int r = 0; r < rowIds.size(); r++) {
            TrackId id = rowIds.get(r);
            if (id == null) {
                throw new IllegalArgumentException("track id of row " + r + " is null");
            }
            if (id.hasMedia() != withMedia) {
                throw new IllegalArgumentException("row " + r + " has track id '" + id + "' " + (withMedia ? "without" : "with")
                        + " a media part, but row 0 ('" + rowIds.get(0) + "') " + (withMedia ? "has" : "does not have")
                        + " one; use one form for every row");
            }
            rowsByTrack.computeIfAbsent(id.trackKey(), k -> new ArrayList<>()).add(r);
            first.putIfAbsent(id.trackKey(), id);
        }
        List<TrackGroup> groups = new ArrayList<>(rowsByTrack.size());
        for (Map.Entry<String, List<Integer>> e : rowsByTrack.entrySet()) {
            List<String> media = new ArrayList<>();
            if (withMedia) {
                for (int r : e.getValue()) {
                    media.add(rowIds.get(r).media());
                }
            }
            TrackId id = first.get(e.getKey());
            groups.add(new TrackGroup(id.identity(), id.track(), e.getValue(), media));
        }
        return List.copyOf(groups);
    }

    /**
     * The number of frames.
     *
     * @return {@code rows().size()}
     */
    public int size() {
        return rows.size();
    }

    /**
     * The track key.
     *
     * @return {@code identity/track}
     */
    public String trackKey() {
        return identity + "/" + track;
    }

    /**
     * Copies this track's rows out of a row-major feature matrix, ready for
     * {@link Aggregator#aggregate(float[], int, int, float[], String[])}.
     *
     * @param matrix row-major {@code [N, d]}; not modified
     * @param d the number of columns, {@code >= 1}
     * @return row-major {@code [size(), d]}
     * @throws IllegalArgumentException if {@code d < 1}, {@code matrix.length} is not a multiple of
     *     {@code d}, or a row index is beyond the matrix (naming it)
     */
    public float[] gatherRows(float[] matrix, int d) {
        if (matrix == null || d < 1 || matrix.length % d != 0) {
            throw new IllegalArgumentException("feature matrix of length " + (matrix == null ? "null" : matrix.length)
                    + " is not a row-major [N, d] matrix with d = " + d + " >= 1 columns");
        }
        int rowCount = matrix.length / d;
        float[] out = new float[rows.size() * d];
        for (int k = 0; k < rows.size(); k++) {
            int r = rows.get(k);
            if (r >= rowCount) {
                throw new IllegalArgumentException("track " + trackKey() + " refers to row " + r + " but the feature matrix has "
                        + rowCount + " rows");
            }
            System.arraycopy(matrix, r * d, out, k * d, d);
        }
        return out;
    }

    /**
     * Picks this track's values out of a per-row array (e.g. the quality score of every feature row).
     *
     * @param perRow one value per feature row; not modified
     * @return {@code [size()]}, in the order of {@link #rows()}
     * @throws IllegalArgumentException if {@code perRow} is null or a row index is beyond it (naming it)
     */
    public float[] gatherValues(float[] perRow) {
        if (perRow == null) {
            throw new IllegalArgumentException("per-row values are null; expected one value per feature row");
        }
        float[] out = new float[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            int r = rows.get(k);
            if (r >= perRow.length) {
                throw new IllegalArgumentException("track " + trackKey() + " refers to row " + r + " but only "
                        + perRow.length + " per-row values were given");
            }
            out[k] = perRow[r];
        }
        return out;
    }

    /**
     * The media ids as an array, for {@link Aggregator#aggregate(float[], int, int, float[], String[])}.
     *
     * @return {@code [size()]}, or null when the track ids have no media part
     */
    public String[] mediaIdArray() {
        return mediaIds.isEmpty() ? null : mediaIds.toArray(new String[0]);
    }
}
