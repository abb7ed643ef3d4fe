package io.polyface.core.eval.ijb;

import io.polyface.core.io.FeatureMatrix;

import java.util.Objects;

/**
 * The features of a protocol's templates, one row per template ({@code [T, d]}), with the ids of the
 * templates that are known to the protocol but have no feature (every image of them missing or unreadable):
 * a pair or search involving one of those is skipped and counted, while an id that is in neither list is an
 * error in the protocol files.
 */
public final class TemplateFeatures {

    /** {@link #indexOf} of a known template without a feature. */
    public static final int EMPTY = -2;
    /** {@link #indexOf} of an id the protocol does not know. */
    public static final int UNKNOWN = -1;

    private final long[] ids;
    private final FeatureMatrix features;
    private final long[] emptyIds;
    private final String source;
    private final LongIntMap index;

    private TemplateFeatures(long[] ids, FeatureMatrix features, long[] emptyIds, String source, LongIntMap index) {
        this.ids = ids;
        this.features = features;
        this.emptyIds = emptyIds;
        this.source = source;
        this.index = index;
    }

    /**
     * Wraps template features.
     *
     * @param ids the id of each row, {@code T} distinct ids
     * @param features the {@code [T, d]} features, row {@code i} for {@code ids[i]}
     * @param emptyIds ids of templates without a feature, distinct and not in {@code ids}
     * @param source where the template ids come from (e.g. the {@code *_face_tid_mid.txt} file), for messages
     * @return the template features (arrays copied)
     * @throws IllegalArgumentException if the row count differs from the ids or an id repeats (naming it)
     */
    public static TemplateFeatures of(long[] ids, FeatureMatrix features, long[] emptyIds, String source) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(emptyIds, "emptyIds");
        Objects.requireNonNull(source, "source");
        if (ids.length != features.rows()) {
            throw new IllegalArgumentException(ids.length + " template ids for " + features.rows() + " feature rows");
        }
        LongIntMap index = new LongIntMap(ids.length + emptyIds.length);
        for (int i = 0; i < ids.length; i++) {
            if (!index.putIfAbsent(ids[i], i)) {
                throw new IllegalArgumentException("template id " + ids[i] + " occurs twice");
            }
        }
        for (long e : emptyIds) {
            if (!index.putIfAbsent(e, EMPTY)) {
                throw new IllegalArgumentException("template id " + e + " is listed as empty but occurs twice or has a feature");
            }
        }
        return new TemplateFeatures(ids.clone(), features, emptyIds.clone(), source, index);
    }

    /**
     * Looks a template up.
     *
     * @param id a template id
     * @return its row, {@link #EMPTY} for a known template without a feature, {@link #UNKNOWN} otherwise
     */
    public int indexOf(long id) {
        return index.get(id, UNKNOWN);
    }

    /** @return the number of templates with a feature, {@code T} */
    public int size() {
        return ids.length;
    }

    /**
     * @param row a row
     * @return its template id
     */
    public long id(int row) {
        return ids[row];
    }

    /** @return the {@code [T, d]} features */
    public FeatureMatrix features() {
        return features;
    }

    /** @return the number of known templates without a feature */
    public int emptyCount() {
        return emptyIds.length;
    }

    /** @return a copy of the ids of the known templates without a feature */
    public long[] emptyIds() {
        return emptyIds.clone();
    }

    /** @return where the template ids come from, for messages */
    public String source() {
        return source;
    }
}
