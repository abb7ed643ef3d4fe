package io.polyface.spark.template;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackGroup;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.spark.eval.FeatureSource;
import io.polyface.spark.session.SparkFailures;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Templates on Spark: frame embeddings grouped by template (track) id and aggregated by any {@link Aggregator} of
 * polyface-aggregation — the IJB template rule ({@link io.polyface.aggregation.IjbTemplate}, media ids from
 * {@code identity/track/media} ids), QAN++ ({@link io.polyface.aggregation.QanPlusPlus}, one quality score per frame),
 * QAN or mean pooling. A template's frames are aggregated in row order by one task, so each feature equals
 * {@link TrackFeatures#aggregate}'s bit for bit; templates come out in the order of their first frame.
 */
public final class DistributedAggregation {

    /** The output schema of {@link #aggregate(Dataset, Aggregator)}. */
    public static final StructType TEMPLATE_SCHEMA = new StructType()
            .add("first_id", DataTypes.LongType, false)
            .add("template", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, false)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /**
     * One frame on its way to its template.
     *
     * @param row the frame's position (row index, or {@code id} of a Dataset row)
     * @param trackId the frame's track id as written ({@code identity/track[/media]})
     * @param quality its quality score (NaN when none)
     * @param embedding the frame embedding
     */
    record Frame(long row, String trackId, float quality, float[] embedding) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        TrackId id() {
            return TrackId.parse(trackId);
        }
    }

    /** Rows {@code [from, to)} of a feature file with their track ids and quality scores. */
    record Slice(int from, int to, ArrayList<String> ids, float[] quality) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * One aggregated template.
     *
     * @param firstRow the position of its first frame
     * @param identity its identity
     * @param trackKey its key {@code identity/track}
     * @param feature the aggregated feature
     */
    record Template(long firstRow, String identity, String trackKey, float[] feature) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private DistributedAggregation() {}

    /**
     * Aggregates the rows of a feature file by track id, as {@code bin/polyface aggregate --features} does.
     *
     * @param sc the Spark context
     * @param source the {@code [N, d]} frame embeddings
     * @param ids the track id of each row
     * @param quality the quality score of each row (needed by QAN and QAN++), or null
     * @param aggregator the method
     * @param partitions the number of tasks, {@code >= 1}
     * @return one feature per track, in the order of their first frame
     * @throws IllegalArgumentException if counts differ, scores or media ids are missing where needed, or aggregating a
     *     track fails (naming it)
     * @throws IOException if the features cannot be read
     */
    public static TrackFeatures aggregate(JavaSparkContext sc, FeatureSource source, List<TrackId> ids, float[] quality,
                                          Aggregator aggregator, int partitions) throws IOException {
        if (ids.size() != source.rows()) {
            throw new IllegalArgumentException(ids.size() + " track ids but " + source.describe() + " has " + source.rows()
                    + " rows; expected one track id per row");
        }
        checkInputs(aggregator, quality, ids.size(), !ids.isEmpty() && ids.get(0).hasMedia());
        List<TrackGroup> groups = TrackGroup.groupRows(ids);
        int per = Math.max(1, (ids.size() + partitions - 1) / partitions);
        List<Slice> slices = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += per) {
            int to = Math.min(ids.size(), from + per);
            ArrayList<String> text = new ArrayList<>(to - from);
            ids.subList(from, to).forEach(id -> text.add(id.toString()));
            slices.add(new Slice(from, to, text, quality == null ? null : Arrays.copyOfRange(quality, from, to)));
        }
        JavaRDD<Frame> frames = sc.parallelize(slices, slices.size()).flatMap(s -> {
            FeatureMatrix m = source.read(s.from(), s.to());
            List<Frame> out = new ArrayList<>(s.to() - s.from());
            for (int i = s.from(); i < s.to(); i++) {
                int k = i - s.from();
                out.add(new Frame(i, s.ids().get(k), s.quality() == null ? Float.NaN : s.quality()[k], m.row(k)));
            }
            return out.iterator();
        });
        List<Template> templates = SparkFailures.rethrow(() -> aggregate(frames, aggregator, partitions).collect());
        if (templates.size() != groups.size()) {
            throw new IllegalStateException(templates.size() + " templates aggregated, expected " + groups.size());
        }
        List<Template> sorted = new ArrayList<>(templates);
        sorted.sort(Comparator.comparingLong(Template::firstRow));
        int d = source.cols();
        float[] out = new float[sorted.size() * d];
        for (int t = 0; t < sorted.size(); t++) {
            System.arraycopy(sorted.get(t).feature(), 0, out, t * d, d);
        }
        return new TrackFeatures(groups, FeatureMatrix.fromRowMajor(sorted.size(), d, out));
    }

    /**
     * Aggregates a {@code Dataset} of frames (for users who already run Spark jobs).
     *
     * @param frames columns {@code id} (long: frame order), {@code template} (string {@code identity/track} or
     *     {@code identity/track/media}), {@code embedding} (array of float) and, for QAN/QAN++, {@code quality} (float)
     * @param aggregator the method
     * @return one row per template ({@link #TEMPLATE_SCHEMA}), ordered by its first frame
     * @throws IllegalArgumentException if a needed column is missing
     */
    public static Dataset<Row> aggregate(Dataset<Row> frames, Aggregator aggregator) {
        List<String> columns = Arrays.asList(frames.columns());
        boolean hasQuality = columns.contains("quality");
        if (!columns.containsAll(List.of("id", "template", "embedding")) || (aggregator.requiresQualityScores() && !hasQuality)) {
            throw new IllegalArgumentException("the frames Dataset has columns " + columns + "; expected id (long), template (string), "
                    + "embedding (array<float>)" + (aggregator.requiresQualityScores() ? " and quality (float)" : ""));
        }
        JavaRDD<Frame> rdd = frames.toJavaRDD().map(r -> {
            List<Object> e = r.getList(r.fieldIndex("embedding"));
            float[] v = new float[e.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) e.get(i)).floatValue();
            }
            float quality = hasQuality && !r.isNullAt(r.fieldIndex("quality")) ? ((Number) r.get(r.fieldIndex("quality"))).floatValue()
                    : Float.NaN;
            String template = r.getString(r.fieldIndex("template"));
            TrackId.parse(template);
            return new Frame(r.getLong(r.fieldIndex("id")), template, quality, v);
        });
        JavaRDD<Row> rows = aggregate(rdd, aggregator, rdd.getNumPartitions())
                .sortBy(Template::firstRow, true, rdd.getNumPartitions())
                .map(t -> {
                    Float[] boxed = new Float[t.feature().length];
                    for (int i = 0; i < boxed.length; i++) {
                        boxed[i] = t.feature()[i];
                    }
                    return RowFactory.create(t.firstRow(), t.trackKey(), t.identity(), boxed);
                });
        return SparkSession.active().createDataFrame(rows, TEMPLATE_SCHEMA);
    }

    private static JavaRDD<Template> aggregate(JavaRDD<Frame> frames, Aggregator aggregator, int partitions) {
        return frames.mapToPair(f -> new Tuple2<>(f.id().trackKey(), f))
                .groupByKey(partitions)
                .map(g -> {
                    List<Frame> list = new ArrayList<>();
                    g._2().forEach(list::add);
                    list.sort(Comparator.comparingLong(Frame::row));
                    return aggregateTrack(g._1(), list, aggregator);
                });
    }

    private static Template aggregateTrack(String key, List<Frame> list, Aggregator aggregator) {
        int n = list.size();
        int d = list.get(0).embedding().length;
        float[] rows = new float[n * d];
        float[] scores = aggregator.requiresQualityScores() ? new float[n] : null;
        String[] media = aggregator.requiresMediaIds() ? new String[n] : null;
        for (int k = 0; k < n; k++) {
            Frame f = list.get(k);
            TrackId id = f.id();
            if (f.embedding().length != d) {
                throw new IllegalArgumentException("track " + key + ": frame " + f.row() + " has dimension " + f.embedding().length
                        + ", expected " + d);
            }
            System.arraycopy(f.embedding(), 0, rows, k * d, d);
            if (scores != null) {
                scores[k] = f.quality();
            }
            if (media != null) {
                if (!id.hasMedia()) {
                    throw new IllegalArgumentException(aggregator.method().cliName()
                            + " needs a media id per frame: give track ids as identity/track/media");
                }
                media[k] = id.media();
            }
        }
        try {
            TrackId first = list.get(0).id();
            return new Template(list.get(0).row(), first.identity(), first.trackKey(), aggregator.aggregate(rows, n, d, scores, media));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("track " + key + " (first row " + list.get(0).row() + "): " + e.getMessage(), e);
        }
    }

    private static void checkInputs(Aggregator aggregator, float[] quality, int rows, boolean media) {
        if (aggregator.requiresQualityScores()) {
            if (quality == null) {
                throw new IllegalArgumentException(aggregator.method().cliName() + " needs per-frame quality scores, none were given");
            }
            if (quality.length != rows) {
                throw new IllegalArgumentException(quality.length + " quality scores for " + rows
                        + " feature rows; expected one score per row");
            }
        }
        if (aggregator.requiresMediaIds() && !media) {
            throw new IllegalArgumentException(aggregator.method().cliName()
                    + " needs a media id per frame: give track ids as identity/track/media");
        }
    }
}
