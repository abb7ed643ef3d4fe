package io.polyface.aggregation.track;

import io.polyface.aggregation.TrackId;

import java.nio.file.Path;
import java.util.List;

/**
 * One track on disk in the layout {@code root/identity/track/frame} ({@link TrackLayout}): the frame
 * files in frame order and, for a synthetic track, what its sidecar records about each frame.
 *
 * @param identity the identity folder's name
 * @param name the track folder's name
 * @param folder the track folder
 * @param frames the frame files, in frame order (file-name order), non-empty
 * @param recorded one entry per frame, in the same order, when the track has a sidecar
 *     ({@value TrackLayout#SIDECAR}); empty otherwise
 */
public record Track(String identity, String name, Path folder, List<Path> frames, List<TrackFrame> recorded) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a part is null, {@code identity}/{@code name} is not a valid
     *     {@link TrackId} part, {@code frames} is empty, or {@code recorded} is neither empty nor one
     *     entry per frame
     */
    public Track {
        new TrackId(identity, name, null);
        if (folder == null || frames == null || recorded == null) {
            throw new IllegalArgumentException("track " + identity + "/" + name + ": folder, frames and recorded must not be null");
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("track " + identity + "/" + name + " has no frames");
        }
        if (!recorded.isEmpty() && recorded.size() != frames.size()) {
            throw new IllegalArgumentException("track " + identity + "/" + name + " has " + frames.size()
                    + " frames but its record describes " + recorded.size());
        }
        frames = List.copyOf(frames);
        recorded = List.copyOf(recorded);
    }

    /**
     * The id of this track's rows in a feature file.
     *
     * @return {@code identity/name}
     */
    public TrackId id() {
        return new TrackId(identity, name, null);
    }

    /**
     * The number of frames.
     *
     * @return {@code frames().size()}
     */
    public int size() {
        return frames.size();
    }

    /**
     * Whether the sidecar recorded how each frame was made.
     *
     * @return {@code !recorded().isEmpty()}
     */
    public boolean hasRecord() {
        return !recorded.isEmpty();
    }
}
