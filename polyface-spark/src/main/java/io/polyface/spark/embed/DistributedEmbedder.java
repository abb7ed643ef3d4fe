package io.polyface.spark.embed;

import io.polyface.aggregation.io.LinesFile;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.pipeline.EmbeddingSetup;
import io.polyface.spark.session.SparkFailures;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Embedding extraction on Spark: the images ({@link ImageSlice}s: a folder tree, a list file or RecordIO key ranges)
 * are embedded by the executors, one {@link EmbeddingSetup.Opened} per executor JVM ({@link ExecutorModels}) shared by
 * its tasks, in batches, with the setup's alignment and flip. The rows equal those of {@code bin/polyface embed}
 * ({@link io.polyface.core.pipeline.FolderEmbedder}) for the same images (the same code embeds them; ONNX Runtime may
 * round differently for another batch composition, within 1e-6 relative) and keep its order.
 *
 * <p>Outputs, written by the driver only after every task has succeeded: the LFR feature file with {@code FILE.list}
 * and {@code FILE.labels} (what {@code bin/polyface embed --out FILE} writes, each file atomically, streamed one
 * partition at a time), and optionally a Parquet table ({@code path, label, embedding, no_face}; written to a
 * temporary folder and renamed, so a failed job leaves nothing at the target).
 */
public final class DistributedEmbedder {

    /** The Parquet table's schema: one row per image that was read (embedded or without a face). */
    public static final StructType TABLE_SCHEMA = new StructType()
            .add("index", DataTypes.LongType, false)
            .add("path", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, false)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("no_face", DataTypes.BooleanType, false);

    /**
     * What a run embedded.
     *
     * @param images images listed
     * @param embedded rows written
     * @param dimension the embedding dimension
     * @param identities distinct labels of the rows
     * @param unreadable images that could not be read, with the reason
     * @param noFace images without a face
     * @param centreResized images embedded from a centre resize
     */
    public record Summary(int images, int embedded, int dimension, long identities, List<String> unreadable, List<String> noFace,
                          List<String> centreResized) {
    }

    private final EmbeddingSetup setup;

    /**
     * @param setup the models and options (opened once on the driver to check them, then once per executor)
     */
    public DistributedEmbedder(EmbeddingSetup setup) {
        this.setup = setup;
    }

    /**
     * Checks on the driver that the models load and fit the options, so that a bad model fails at once naming its
     * path, not after task retries on every executor.
     *
     * @return the embedding dimension
     * @throws IOException if a model cannot be read
     * @throws IllegalArgumentException if the options do not fit the model
     */
    public int check() throws IOException {
        try (EmbeddingSetup.Opened opened = setup.open()) {
            return opened.embedder().embeddingSize();
        }
    }

    /**
     * Embeds the slices and writes the outputs.
     *
     * @param sc the Spark context
     * @param slices the images, in order
     * @param out the LFR feature file to write ({@code out.list}, {@code out.labels} beside it), or null for none
     * @param parquet the Parquet folder to create, or null for none
     * @return the summary
     * @throws IOException if an output cannot be written, or a task's image source cannot be read
     * @throws IllegalArgumentException for bad input (naming it), or when no image could be embedded
     */
    public Summary run(JavaSparkContext sc, List<ImageSlice> slices, Path out, Path parquet) throws IOException {
        int dimension = check();
        if (parquet != null && Files.exists(parquet)) {
            throw new IllegalArgumentException("--parquet " + parquet + " exists; remove it or choose another folder");
        }
        EmbeddingSetup s = setup;
        sc.setJobDescription("embed " + slices.stream().mapToInt(ImageSlice::size).sum() + " images");
        JavaRDD<SliceResult> results = sc.parallelize(slices, slices.size())
                .map(slice -> slice.embed(ExecutorModels.get(s).folder()));
        results.persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            SparkFailures.rethrow(results::count);
            List<String> paths = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            List<String> noFace = new ArrayList<>();
            List<String> centre = new ArrayList<>();
            Path body = out == null ? null
                    : Files.createTempFile(Files.createDirectories(out.toAbsolutePath().getParent()), "." + out.getFileName() + ".", ".rows");
            try {
                try (OutputStream rows = body == null ? OutputStream.nullOutputStream()
                        : new BufferedOutputStream(Files.newOutputStream(body), 1 << 16)) {
                    Iterator<SliceResult> it = SparkFailures.rethrow(results::toLocalIterator);
                    while (it.hasNext()) {
                        SliceResult r = it.next();
                        writeFloats(rows, r.rows());
                        paths.addAll(r.paths());
                        labels.addAll(r.labels());
                        unreadable.addAll(r.unreadable());
                        noFace.addAll(r.noFace());
                        centre.addAll(r.centreResized());
                    }
                }
                int images = slices.stream().mapToInt(ImageSlice::size).sum();
                if (paths.isEmpty()) {
                    throw new IllegalArgumentException("none of the " + images + " images could be embedded (" + unreadable.size()
                            + " unreadable, " + noFace.size() + " without a face)");
                }
                if (parquet != null) {
                    writeTable(results, parquet);
                }
                if (out != null) {
                    writeLfr(out, body, paths.size(), dimension);
                    LinesFile.write(Path.of(out + ".list"), paths);
                    LinesFile.write(Path.of(out + ".labels"), labels);
                }
                return new Summary(images, paths.size(), dimension, labels.stream().distinct().count(), unreadable, noFace, centre);
            } finally {
                if (body != null) {
                    Files.deleteIfExists(body);
                }
            }
        } finally {
            results.unpersist(false);
            sc.setJobDescription(null);
        }
    }

    /**
     * The results as table rows ({@link #TABLE_SCHEMA}), for the Parquet output and the Java API.
     *
     * @param spark the session
     * @param results the slice results
     * @return one row per image read, in image order within each slice
     */
    public static Dataset<Row> table(SparkSession spark, JavaRDD<SliceResult> results) {
        return spark.createDataFrame(results.flatMap(r -> rows(r).iterator()), TABLE_SCHEMA);
    }

    /**
     * Embeds a {@code Dataset} of images (for users who already run Spark jobs), one model per executor JVM.
     *
     * @param images columns {@code path} (string: an image file every executor can read) and {@code label} (string)
     * @return one row per image read ({@link #TABLE_SCHEMA}); {@code index} is the image's position in the Dataset
     * @throws IllegalArgumentException if a column is missing
     */
    public Dataset<Row> embed(Dataset<Row> images) {
        java.util.List<String> columns = java.util.Arrays.asList(images.columns());
        if (!columns.contains("path") || !columns.contains("label")) {
            throw new IllegalArgumentException("the images Dataset has columns " + columns + "; expected path and label (strings)");
        }
        EmbeddingSetup s = setup;
        JavaRDD<Row> rows = images.select("path", "label").toJavaRDD().zipWithIndex().mapPartitions(it -> {
            List<String> names = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            long first = -1;
            while (it.hasNext()) {
                scala.Tuple2<Row, Long> t = it.next();
                first = first < 0 ? t._2() : first;
                names.add(t._1().getString(0));
                labels.add(t._1().getString(1));
            }
            if (names.isEmpty()) {
                return java.util.Collections.emptyIterator();
            }
            SliceResult r = SliceResult.of((int) first, names, labels, ExecutorModels.get(s).folder()
                    .embed(names, labels, i -> io.polyface.core.image.ImageDecoder.read(Path.of(names.get(i))), null));
            return rows(r).iterator();
        });
        return images.sparkSession().createDataFrame(rows, TABLE_SCHEMA);
    }

    private static List<Row> rows(SliceResult r) {
        List<Row> out = new ArrayList<>();
        int d = r.dimension();
        for (int i = 0; i < r.paths().size(); i++) {
            Float[] boxed = new Float[d];
            for (int c = 0; c < d; c++) {
                boxed[c] = r.rows()[i * d + c];
            }
            out.add(RowFactory.create((long) r.rowImages()[i], r.paths().get(i), r.labels().get(i), boxed, false));
        }
        for (int i = 0; i < r.noFace().size(); i++) {
            out.add(RowFactory.create((long) r.noFaceImages()[i], r.noFace().get(i), r.noFaceLabels().get(i), null, true));
        }
        out.sort(java.util.Comparator.comparingLong(row -> row.getLong(0)));
        return out;
    }

    private static void writeTable(JavaRDD<SliceResult> results, Path parquet) throws IOException {
        SparkSession spark = SparkSession.builder().getOrCreate();
        AtomicFileWriter.writeFolder(parquet, tmp -> SparkFailures.rethrow(() -> {
            table(spark, results).write().parquet(tmp.toUri().toString());
            return null;
        }));
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        out.write(b.array());
    }

    private static void writeLfr(Path out, Path body, int rows, int cols) throws IOException {
        AtomicFileWriter.write(out, o -> {
            ByteBuffer header = ByteBuffer.allocate(LfrFeatureFile.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(rows).putInt(cols).putInt(cols * 4).putInt(LfrFeatureFile.TYPE_FLOAT32);
            o.write(header.array());
            try (InputStream in = Files.newInputStream(body)) {
                in.transferTo(o);
            }
        });
    }
}
