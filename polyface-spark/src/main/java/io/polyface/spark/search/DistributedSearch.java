package io.polyface.spark.search;

import io.polyface.core.eval.CmcCurve;
import io.polyface.core.eval.Gallery;
import io.polyface.core.eval.GalleryMatch;
import io.polyface.core.eval.Identification;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.spark.eval.FeatureSource;
import io.polyface.spark.session.SparkFailures;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * 1:N search on Spark: the probes are split among tasks, the gallery is broadcast in blocks; each task searches its
 * probes block by block with core's {@link Gallery} (the same normalisation and double-precision dot products) and
 * keeps each probe's top {@code k}, merging blocks by score, then enrolment order — so each probe's candidate list
 * equals {@link Gallery#search} over the whole gallery, ties included. Rank-1/CMC (closed set, mated probes) and
 * TPIR@FPIR (open set, FPIR from non-mated probes) then come from core's {@link Identification}.
 */
public final class DistributedSearch {

    private final int topK;
    private final int galleryBlock;
    private final int partitions;

    /**
     * @param topK candidates kept per probe, {@code >= 1}
     * @param galleryBlock identities per broadcast gallery block, {@code >= 1}
     * @param partitions probe tasks, {@code >= 1}
     * @throws IllegalArgumentException if a setting is below 1
     */
    public DistributedSearch(int topK, int galleryBlock, int partitions) {
        if (topK < 1 || galleryBlock < 1 || partitions < 1) {
            throw new IllegalArgumentException("top-k " + topK + ", gallery block " + galleryBlock + ", partitions " + partitions
                    + ": expected each >= 1");
        }
        this.topK = topK;
        this.galleryBlock = galleryBlock;
        this.partitions = partitions;
    }

    /**
     * One gallery block as broadcast.
     *
     * @param offset the enrolment index of its first identity
     * @param ids the identities
     * @param templates their templates, row-major
     */
    record GalleryBlock(int offset, ArrayList<String> ids, float[] templates) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * One probe's candidate, with its enrolment index for merging.
     *
     * @param enrolment the identity's position in the gallery
     * @param id the identity
     * @param score the cosine score
     */
    record Hit(int enrolment, String id, double score) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * Searches every probe.
     *
     * @param sc the Spark context
     * @param gallery the gallery templates, one row per identity
     * @param galleryIds the identity of each gallery row, all distinct
     * @param probes the probe embeddings (read by the executors)
     * @return each probe's top {@code k} candidates, in probe order
     * @throws IllegalArgumentException if the dimensions differ, an id repeats or a template or probe is invalid (naming it)
     * @throws IOException if the probes cannot be read
     */
    public List<List<GalleryMatch>> search(JavaSparkContext sc, FeatureMatrix gallery, List<String> galleryIds, FeatureSource probes)
            throws IOException {
        if (galleryIds.size() != gallery.rows()) {
            throw new IllegalArgumentException(galleryIds.size() + " gallery labels for " + gallery.rows() + " gallery rows");
        }
        if (probes.cols() != gallery.cols()) {
            throw new IllegalArgumentException(probes.describe() + " has embeddings of dimension " + probes.cols()
                    + " but the gallery " + gallery.cols() + "; expected the same model's embeddings");
        }
        List<Broadcast<GalleryBlock>> blocks = broadcast(sc, gallery, galleryIds);
        int n = probes.rows();
        int per = Math.max(1, (n + partitions - 1) / partitions);
        List<int[]> ranges = new ArrayList<>();
        for (int from = 0; from < n; from += per) {
            ranges.add(new int[] {from, Math.min(n, from + per)});
        }
        int k = topK;
        int d = gallery.cols();
        try {
            List<List<Hit>> hits = SparkFailures.rethrow(() -> sc.parallelize(ranges, ranges.size())
                    .flatMap(r -> searchAll(probes.read(r[0], r[1]), r[0], blocks, d, k).iterator()).collect());
            return toCandidates(hits);
        } finally {
            blocks.forEach(Broadcast::destroy);
        }
    }

    /**
     * Searches a {@code Dataset} of probes against a {@code Dataset} gallery (for users who already run Spark jobs).
     *
     * @param gallery columns {@code label} (string, distinct) and {@code embedding} (array of float), one row per
     *     identity; enrolment order is the Dataset's order
     * @param probes columns {@code id} (long) and {@code embedding} (array of float)
     * @return one row per probe and rank: {@code id}, {@code rank} (1-based), {@code label}, {@code score}
     * @throws IllegalArgumentException if a column is missing, the dimensions differ or a gallery label repeats
     */
    public Dataset<Row> search(Dataset<Row> gallery, Dataset<Row> probes) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(gallery.sparkSession().sparkContext());
        List<Row> g = gallery.select("label", "embedding").collectAsList();
        if (g.isEmpty()) {
            throw new IllegalArgumentException("the gallery Dataset is empty");
        }
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (Row r : g) {
            ids.add(r.getString(0));
            rows.add(floats(r.getList(1)));
        }
        FeatureMatrix matrix = FeatureMatrix.of(rows.toArray(new float[0][]));
        List<Broadcast<GalleryBlock>> blocks = broadcast(sc, matrix, ids);
        int k = topK;
        int d = matrix.cols();
        JavaRDD<Row> out = probes.select("id", "embedding").toJavaRDD().mapPartitions(it -> {
            List<Long> probeIds = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            it.forEachRemaining(r -> {
                probeIds.add(r.getLong(0));
                vectors.add(floats(r.getList(1)));
            });
            List<Row> result = new ArrayList<>();
            if (vectors.isEmpty()) {
                return result.iterator();
            }
            for (int p = 0; p < vectors.size(); p++) {
                if (vectors.get(p).length != d) {
                    throw new IllegalArgumentException("probe " + probeIds.get(p) + " has dimension " + vectors.get(p).length
                            + ", the gallery " + d);
                }
            }
            List<List<Hit>> hits = searchAll(FeatureMatrix.of(vectors.toArray(new float[0][])), 0, blocks, d, k);
            for (int p = 0; p < hits.size(); p++) {
                for (int rank = 0; rank < hits.get(p).size(); rank++) {
                    Hit h = hits.get(p).get(rank);
                    result.add(RowFactory.create(probeIds.get(p), rank + 1, h.id(), h.score()));
                }
            }
            return result.iterator();
        });
        return gallery.sparkSession().createDataFrame(out, RESULT_SCHEMA);
    }

    /** The schema of {@link #search(Dataset, Dataset)}'s result. */
    public static final StructType RESULT_SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("label", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);

    private static float[] floats(List<Object> values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) values.get(i)).floatValue();
        }
        return v;
    }

    private List<Broadcast<GalleryBlock>> broadcast(JavaSparkContext sc, FeatureMatrix gallery, List<String> galleryIds) {
        Gallery check = new Gallery(gallery.cols());
        List<Broadcast<GalleryBlock>> blocks = new ArrayList<>();
        for (int from = 0; from < gallery.rows(); from += galleryBlock) {
            int to = Math.min(gallery.rows(), from + galleryBlock);
            float[] t = new float[(to - from) * gallery.cols()];
            gallery.copyRows(from, to, t, 0);
            for (int i = from; i < to; i++) {
                check.enrol(galleryIds.get(i), gallery.row(i)); // duplicate ids and invalid templates fail here, on the driver
            }
            blocks.add(sc.broadcast(new GalleryBlock(from, new ArrayList<>(galleryIds.subList(from, to)), t)));
        }
        return blocks;
    }

    /** Searches probes block by block; returns each probe's top {@code k}. */
    private static List<List<Hit>> searchAll(FeatureMatrix m, int firstRow, List<Broadcast<GalleryBlock>> blocks, int d, int k) {
        List<List<Hit>> best = new ArrayList<>();
        for (int p = 0; p < m.rows(); p++) {
            best.add(new ArrayList<>());
        }
        for (Broadcast<GalleryBlock> b : blocks) {
            GalleryBlock block = b.value();
            Gallery g = new Gallery(d);
            for (int i = 0; i < block.ids().size(); i++) {
                g.enrol(block.ids().get(i), java.util.Arrays.copyOfRange(block.templates(), i * d, (i + 1) * d));
            }
            for (int p = 0; p < m.rows(); p++) {
                List<GalleryMatch> c;
                try {
                    c = g.search(m.row(p), k);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("probe row " + (firstRow + p) + ": " + e.getMessage(), e);
                }
                best.set(p, merge(best.get(p), c, block, k));
            }
        }
        return best;
    }

    private static List<List<GalleryMatch>> toCandidates(List<List<Hit>> hits) {
        List<List<GalleryMatch>> out = new ArrayList<>(hits.size());
        for (List<Hit> h : hits) {
            out.add(h.stream().map(x -> new GalleryMatch(x.id(), x.score())).toList());
        }
        return out;
    }

    /** Merges a block's candidates (descending, ties in enrolment order) into the best so far; keeps {@code k}. */
    private static List<Hit> merge(List<Hit> best, List<GalleryMatch> block, GalleryBlock b, int k) {
        List<Hit> out = new ArrayList<>(Math.min(k, best.size() + block.size()));
        int i = 0;
        int j = 0;
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
        for (int t = 0; t < b.ids().size(); t++) {
            position.put(b.ids().get(t), b.offset() + t);
        }
        while (out.size() < k && (i < best.size() || j < block.size())) {
            Hit next;
            if (j >= block.size()) {
                next = best.get(i++);
            } else {
                GalleryMatch c = block.get(j);
                Hit h = new Hit(position.get(c.id()), c.id(), c.score());
                if (i < best.size() && (best.get(i).score() > h.score()
                        || best.get(i).score() == h.score() && best.get(i).enrolment() < h.enrolment())) {
                    next = best.get(i++);
                } else {
                    next = h;
                    j++;
                }
            }
            out.add(next);
        }
        return out;
    }

    /**
     * Identification figures of search results: the CMC over the mated probes (closed set) and, when some probes are
     * not enrolled, TPIR at each target FPIR (open set).
     *
     * @param results each probe's candidates, in probe order
     * @param probeIds each probe's identity
     * @param enrolled the gallery's identities
     * @param maxRank the CMC's largest rank
     * @param targetFpirs the open-set targets
     * @param rank the rank within which a mate counts for TPIR, {@code >= 1}, at most the candidates kept
     * @return the figures
     * @throws IllegalArgumentException if no probe is mated, or the rank exceeds the candidates kept
     */
    public static Figures figures(List<List<GalleryMatch>> results, List<String> probeIds, List<String> enrolled, int maxRank,
                                  List<Double> targetFpirs, int rank) {
        Set<String> gallery = new HashSet<>(enrolled);
        List<List<GalleryMatch>> mated = new ArrayList<>();
        List<String> mateIds = new ArrayList<>();
        List<String> openMates = new ArrayList<>();
        for (int p = 0; p < results.size(); p++) {
            String id = probeIds.get(p);
            boolean isMated = gallery.contains(id);
            if (isMated) {
                mated.add(results.get(p));
                mateIds.add(id);
            }
            openMates.add(isMated ? id : null);
        }
        if (mated.isEmpty()) {
            throw new IllegalArgumentException("no probe's identity is enrolled in the gallery; expected some mated probes");
        }
        CmcCurve cmc = Identification.closedSet(mated, mateIds, Math.min(maxRank, results.get(0).size()));
        if (rank < 1 || rank > results.get(0).size()) {
            throw new IllegalArgumentException("--rank " + rank + ": expected 1 to the " + results.get(0).size() + " candidates kept");
        }
        List<List<GalleryMatch>> withinRank = results.stream().map(l -> l.subList(0, Math.min(rank, l.size()))).toList();
        List<OpenSetPoint> open = mated.size() < results.size() && !targetFpirs.isEmpty()
                ? Identification.openSet(withinRank, openMates, targetFpirs) : List.of();
        return new Figures(results.size(), mated.size(), cmc, open);
    }

    /**
     * Identification figures.
     *
     * @param probes all probes
     * @param mated probes whose identity is enrolled
     * @param cmc the closed-set CMC over the mated probes
     * @param openSet TPIR@FPIR (empty when every probe is mated)
     */
    public record Figures(int probes, int mated, CmcCurve cmc, List<OpenSetPoint> openSet) {
    }
}
