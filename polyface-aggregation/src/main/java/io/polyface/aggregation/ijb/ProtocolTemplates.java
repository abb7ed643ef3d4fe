package io.polyface.aggregation.ijb;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import io.polyface.core.eval.CosineSimilarity;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.eval.ijb.TemplateFeatures;
import io.polyface.core.io.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds one feature per protocol template from its image rows' features with any {@link Aggregator}
 * (spec {@code aggregation-and-evaluation.md}, "IJB-B/C templates"). InsightFace's {@code eval_ijbc.py}
 * default is {@link io.polyface.aggregation.IjbTemplate} with detector-score weighting on the raw (not
 * L2-normalised, "norm score") embeddings: frames averaged per media id, media summed, L2-normalised. The
 * per-row inputs an aggregator needs are supplied from the protocol: media ids from
 * {@code *_face_tid_mid.txt}, per-frame scores from {@code *_name_5pts_score.txt}'s detector score for the
 * IJB rule (its faceness option) and from the quality model for QAN/QAN++. Rows whose image was not embedded
 * are left out of their template; a template left without rows is listed as empty.
 */
public final class ProtocolTemplates {

    private ProtocolTemplates() {}

    /**
     * Builds the templates.
     *
     * @param rows the protocol's image rows
     * @param features their features
     * @param aggregator the template rule
     * @param normalizeImages whether each image feature is L2-normalised first (InsightFace's norm-score mode
     *     off); false keeps the embedding norm as a weight
     * @param source where the template ids come from, for messages (the {@code *_face_tid_mid.txt} file)
     * @return the features of the templates, ascending template ids, and the ids of empty templates
     * @throws IllegalArgumentException if the row counts differ, the aggregator needs quality scores and
     *     there are none, or a template's aggregation fails (naming the template)
     */
    public static TemplateFeatures build(ProtocolImages rows, ImageFeatures features, Aggregator aggregator, boolean normalizeImages,
                                         String source) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(aggregator, "aggregator");
        if (rows.size() != features.rows()) {
            throw new IllegalArgumentException(rows.size() + " protocol rows but " + features.rows() + " feature rows");
        }
        float[] scores = null;
        if (aggregator.requiresQualityScores()) {
            if (aggregator.method() == AggregationMethod.IJB) {
                scores = rows.detectorScores();
            } else if (features.quality() == null) {
                throw new IllegalArgumentException(aggregator.method().cliName() + " templates need a quality score per image; give a quality model");
            } else {
                scores = features.quality();
            }
        }
        int d = features.embeddings().cols();
        ProtocolImages.TemplateRows byTemplate = rows.templateRows();
        List<Long> ids = new ArrayList<>();
        List<Long> empty = new ArrayList<>();
        float[] out = new float[Math.multiplyExact(byTemplate.ids().length, d)];
        for (int t = 0; t < byTemplate.ids().length; t++) {
            long id = byTemplate.ids()[t];
            int[] own = byTemplate.rows().get(t);
            int n = 0;
            for (int r : own) {
                n += features.embedded()[r] ? 1 : 0;
            }
            if (n == 0) {
                empty.add(id);
                continue;
            }
            float[] frames = new float[n * d];
            float[] s = scores == null ? null : new float[n];
            String[] media = new String[n];
            int k = 0;
            for (int r : own) {
                if (!features.embedded()[r]) {
                    continue;
                }
                float[] f = features.embeddings().row(r);
                if (normalizeImages) {
                    try {
                        f = CosineSimilarity.normalized(f);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("template " + id + ", image " + rows.image(r) + ": " + e.getMessage(), e);
                    }
                }
                System.arraycopy(f, 0, frames, k * d, d);
                if (s != null) {
                    s[k] = scores[r];
                }
                media[k] = Long.toString(rows.mediaId(r));
                k++;
            }
            float[] v;
            try {
                v = aggregator.aggregate(frames, n, d, s, media);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("template " + id + " (" + n + " images): " + e.getMessage(), e);
            }
            System.arraycopy(v, 0, out, ids.size() * d, d);
            ids.add(id);
        }
        float[] exact = ids.size() * d == out.length ? out : java.util.Arrays.copyOf(out, ids.size() * d);
        FeatureMatrix x = FeatureMatrix.fromRowMajor(ids.size(), d, exact);
        return TemplateFeatures.of(ids.stream().mapToLong(Long::longValue).toArray(), x, empty.stream().mapToLong(Long::longValue).toArray(),
                source);
    }
}
