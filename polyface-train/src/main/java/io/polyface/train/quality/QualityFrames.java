package io.polyface.train.quality;

import io.polyface.aggregation.TrackId;
import io.polyface.core.image.RgbImage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The training (or held-out) data of a quality network: {@code n} aligned frames, the frozen
 * embedding of each ({@code [n, d]}, from the frame-embedding network the quality scores will weight),
 * and the track each frame belongs to ({@code identity/track}). Immutable; embeddings are copied in and
 * out.
 */
public final class QualityFrames {

    private final List<RgbImage> crops;
    private final float[][] embeddings;
    private final List<TrackId> trackIds;

    private QualityFrames(List<RgbImage> crops, float[][] embeddings, List<TrackId> trackIds) {
        this.crops = crops;
        this.embeddings = embeddings;
        this.trackIds = trackIds;
    }

    /**
     * Validates and copies.
     *
     * @param crops {@code n >= 1} aligned frames, all of one size (the quality network's input size)
     * @param embeddings {@code [n, d]} frame embeddings, finite, none all zero
     * @param trackIds the track of each frame ({@code identity/track}; a media part is ignored)
     * @return the data
     * @throws IllegalArgumentException if the counts differ, {@code n = 0}, crops differ in size, an
     *     embedding is ragged, not finite or zero (naming the frame index)
     */
    public static QualityFrames of(List<RgbImage> crops, float[][] embeddings, List<TrackId> trackIds) {
        if (crops == null || embeddings == null || trackIds == null) {
            throw new IllegalArgumentException("crops, embeddings and trackIds must not be null");
        }
        int n = crops.size();
        if (n == 0 || embeddings.length != n || trackIds.size() != n) {
            throw new IllegalArgumentException(n + " crops, " + embeddings.length + " embeddings and " + trackIds.size()
                    + " track ids; expected the same number n >= 1 of each");
        }
        int d = embeddings[0] == null ? 0 : embeddings[0].length;
        float[][] copy = new float[n][];
        for (int i = 0; i < n; i++) {
            RgbImage c = crops.get(i);
            if (c == null || trackIds.get(i) == null) {
                throw new IllegalArgumentException("frame " + i + ": crop or track id is null");
            }
            if (c.width() != crops.get(0).width() || c.height() != crops.get(0).height()) {
                throw new IllegalArgumentException("frame " + i + " is " + c.width() + "x" + c.height() + " but frame 0 is "
                        + crops.get(0).width() + "x" + crops.get(0).height() + "; crops must share one size");
            }
            float[] e = embeddings[i];
            if (e == null || e.length != d || d == 0) {
                throw new IllegalArgumentException("embedding " + i + " has length " + (e == null ? "null" : e.length)
                        + "; expected d = " + d + " >= 1 (the length of embedding 0)");
            }
            double norm = 0;
            for (float v : e) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("embedding " + i + " has a non-finite value " + v);
                }
                norm += (double) v * v;
            }
            if (norm == 0) {
                throw new IllegalArgumentException("embedding " + i + " is all zero (it has no direction)");
            }
            copy[i] = e.clone();
        }
        List<TrackId> ids = new ArrayList<>(n);
        for (TrackId id : trackIds) {
            ids.add(new TrackId(id.identity(), id.track(), null));
        }
        return new QualityFrames(List.copyOf(crops), copy, List.copyOf(ids));
    }

    /**
     * The number of frames.
     *
     * @return {@code n}
     */
    public int size() {
        return crops.size();
    }

    /**
     * The embedding dimension.
     *
     * @return {@code d}
     */
    public int embeddingSize() {
        return embeddings[0].length;
    }

    /**
     * The aligned frames.
     *
     * @return the {@code n} crops (an unmodifiable list)
     */
    public List<RgbImage> crops() {
        return crops;
    }

    /**
     * One frame's embedding.
     *
     * @param i the frame index
     * @return a copy of its {@code [d]} embedding
     */
    public float[] embedding(int i) {
        return embeddings[i].clone();
    }

    /**
     * The track ids.
     *
     * @return the {@code n} ids {@code identity/track} (an unmodifiable list)
     */
    public List<TrackId> trackIds() {
        return trackIds;
    }

    /**
     * The identities present.
     *
     * @return the distinct identity labels, sorted
     */
    public List<String> identities() {
        Set<String> s = new TreeSet<>();
        for (TrackId id : trackIds) {
            s.add(id.identity());
        }
        return List.copyOf(s);
    }

    /**
     * The frames of some identities (e.g. to hold identities out).
     *
     * @param identities the identities to keep
     * @return their frames, in the original order
     * @throws IllegalArgumentException if none of them is present
     */
    public QualityFrames subset(Collection<String> identities) {
        Set<String> keep = Set.copyOf(identities);
        List<RgbImage> c = new ArrayList<>();
        List<float[]> e = new ArrayList<>();
        List<TrackId> t = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (keep.contains(trackIds.get(i).identity())) {
                c.add(crops.get(i));
                e.add(embeddings[i]);
                t.add(trackIds.get(i));
            }
        }
        if (c.isEmpty()) {
            throw new IllegalArgumentException("none of the identities " + identities + " has frames here");
        }
        return of(c, e.toArray(float[][]::new), t);
    }
}
