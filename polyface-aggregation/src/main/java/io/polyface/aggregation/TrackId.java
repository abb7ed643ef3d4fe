package io.polyface.aggregation;

import java.util.ArrayList;
import java.util.List;

/**
 * The id of the track (video, or template) a feature row belongs to, written {@code identity/track}
 * or, where the frames of a template come from several media (IJB templates),
 * {@code identity/track/media}. This is the track layout {@code identity/track/frame} without the
 * frame. The track key {@code identity/track} names the set that is aggregated; the media, if any,
 * is the per-frame media id for {@link IjbTemplate}.
 *
 * @param identity the identity (subject) label, non-empty
 * @param track the track (or template) name within the identity, non-empty
 * @param media the media id within the track, non-empty, or null when the id has two parts
 */
public record TrackId(String identity, String track, String media) {

    /**
     * Validates the parts.
     *
     * @param identity the identity label
     * @param track the track name
     * @param media the media id, or null
     * @throws IllegalArgumentException if {@code identity} or {@code track} is null, or a part is
     *     empty, contains '/', or has leading or trailing whitespace
     */
    public TrackId {
        checkPart(identity, "identity");
        checkPart(track, "track");
        if (media != null) {
            checkPart(media, "media");
        }
    }

    private static void checkPart(String part, String name) {
        if (part == null) {
            throw new IllegalArgumentException("track id " + name + " is null");
        }
        if (part.isEmpty()) {
            throw new IllegalArgumentException("track id " + name + " is empty");
        }
        if (part.indexOf('/') >= 0) {
            throw new IllegalArgumentException("track id " + name + " '" + part + "' contains '/'");
        }
        if (!part.equals(part.strip())) {
            throw new IllegalArgumentException("track id " + name + " '" + part + "' has leading or trailing whitespace");
        }
    }

    /**
     * Parses {@code identity/track} or {@code identity/track/media}. Whitespace around the whole id
     * (including the {@code \r} of a CRLF line) is ignored.
     *
     * @param text the id
     * @return the parsed id ({@link #media()} null for two parts)
     * @throws IllegalArgumentException if {@code text} is null or blank, does not have two or three
     *     '/'-separated parts, or a part is empty or has whitespace next to a '/'; the message quotes it
     */
    public static TrackId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("track id is null; expected 'identity/track' or 'identity/track/media'");
        }
        String s = text.strip();
        String[] parts = s.split("/", -1);
        if (s.isEmpty() || parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("track id '" + text + "' has " + (s.isEmpty() ? 0 : parts.length)
                    + " part(s); expected 'identity/track' or 'identity/track/media'");
        }
        try {
            return new TrackId(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("track id '" + text + "': " + e.getMessage()
                    + "; expected 'identity/track' or 'identity/track/media'", e);
        }
    }

    /**
     * Parses one id per line, in order (for a {@code --tracks} file: the track id of each feature row).
     *
     * @param lines the lines, one id each; blank lines are not allowed (every row needs an id)
     * @param source where the lines come from (a file name), for messages
     * @return the ids, one per line
     * @throws IllegalArgumentException naming {@code source} and the 1-based line number of the first
     *     line that does not parse
     */
    public static List<TrackId> parseLines(List<String> lines, String source) {
        List<TrackId> ids = new ArrayList<>(lines.size());
        for (int k = 0; k < lines.size(); k++) {
            try {
                ids.add(parse(lines.get(k)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + (k + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Whether this id names a media.
     *
     * @return true for three-part ids
     */
    public boolean hasMedia() {
        return media != null;
    }

    /**
     * The key of the set this row is aggregated into.
     *
     * @return {@code identity/track}
     */
    public String trackKey() {
        return identity + "/" + track;
    }

    /**
     * The id as written.
     *
     * @return {@code identity/track} or {@code identity/track/media}
     */
    @Override
    public String toString() {
        return media == null ? trackKey() : trackKey() + "/" + media;
    }
}
