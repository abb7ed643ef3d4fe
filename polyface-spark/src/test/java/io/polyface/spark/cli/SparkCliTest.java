package io.polyface.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.cli.common.Json;
import io.polyface.cli.common.VerificationOutput;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.CmcCurve;
import io.polyface.core.eval.Gallery;
import io.polyface.core.eval.GalleryMatch;
import io.polyface.core.eval.Identification;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.spark.LocalSpark;
import io.polyface.spark.PolyfaceSpark;
import io.polyface.spark.TestData;
import io.polyface.spark.eval.LfrFileSource;
import io.polyface.spark.search.DistributedSearch;
import io.polyface.spark.template.DistributedAggregation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code polyface-spark} on {@code local[2]}: eval prints {@code polyface eval --json}'s document; aggregate writes the
 * files of {@code polyface aggregate} (QAN++ and IJB templates, also from a Dataset); search gives core's candidate lists,
 * CMC and TPIR@FPIR; bad input exits with status 2 and one line naming it.
 */
class SparkCliTest {

    @TempDir
    static Path dir;

    private static CliRun cli(String... args) {
        LocalSpark.session(); // joined by the command, not stopped by it
        return CliRun.of(PolyfaceSparkCli.newCommandLine(), args);
    }

    private static final List<String> LABELS = new ArrayList<>();
    private static FeatureMatrix frames;
    private static Path feat;
    private static Path labels;

    @BeforeAll
    static void data() throws Exception {
        frames = TestData.clustered(11, 30, 8, 24, 0.9f, LABELS); // 240 frames of 30 identities
        feat = dir.resolve("frames.feat");
        LfrFeatureFile.write(feat, frames);
        labels = Files.write(dir.resolve("frames.labels"), LABELS);
    }

    @Test
    void evalPrintsTheSingleJvmDocument() throws Exception {
        CliRun r = cli("eval", "--features", feat.toString(), "--labels", labels.toString(), "--far", "1e-4,1e-3,0.01", "--tile", "50",
                "--partitions", "4", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("polyface-spark eval: stage").contains("tasks");
        ObjectNode got = (ObjectNode) Json.mapper().readTree(r.out());
        assertThat(got.remove("spark").get("partitions").asInt()).isEqualTo(4);
        StringWriter single = new StringWriter();
        try (PrintWriter w = new PrintWriter(single)) {
            VerificationOutput.printAllPairs(w, AllPairsEvaluator.builder().optTargetFars(List.of(1e-4, 1e-3, 0.01)).optTileSize(50).build()
                    .evaluate(frames, LABELS), feat, frames.rows(), frames.cols(), null, true, null);
        }
        assertThat(got).isEqualTo(Json.mapper().readTree(single.toString()));
        CliRun text = cli("eval", "--features", feat.toString(), "--labels", labels.toString(), "--far", "0.01");
        assertThat(text.out()).contains("all pairs of 240 embeddings").contains("k = ");
    }

    @Test
    void aggregateWritesTheFilesOfTheSingleJvmCommand() throws Exception {
        List<String> tracks = new ArrayList<>();
        float[] quality = new float[frames.rows()];
        Random r = new Random(4);
        for (int i = 0; i < frames.rows(); i++) {
            // two templates per identity, frames interleaved, three media per template (for ijb)
            tracks.add(LABELS.get(i) + "/t" + (i % 2) + "/m" + (i % 3));
            quality[i] = (float) r.nextGaussian();
        }
        Path trackFile = Files.write(dir.resolve("frames.tracks"), tracks);
        Path qualityFile = dir.resolve("frames.quality");
        QualityScoresFile.write(qualityFile, quality);
        List<TrackId> ids = TrackIdsFile.read(trackFile);
        for (String method : List.of("qanpp", "ijb")) {
            Path out = dir.resolve(method + ".feat");
            CliRun run = cli("aggregate", "--features", feat.toString(), "--tracks", trackFile.toString(), "--quality", qualityFile.toString(),
                    "--method", method, "--normalize", "--out", out.toString(), "--partitions", "3", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            TrackFeatures single = TrackFeatures.aggregate(frames, ids, quality, AggregationMethod.parse(method).create(true));
            assertThat(LfrFeatureFile.read(out)).isEqualTo(single.features());
            assertThat(Files.readAllLines(TrackFeatures.sibling(out, ".labels"))).isEqualTo(single.labels());
            assertThat(Json.mapper().readTree(run.out()).get("tracks").asInt()).isEqualTo(60);
        }

        // the same templates from a Dataset of frames
        StructType schema = new StructType().add("id", DataTypes.LongType).add("template", DataTypes.StringType)
                .add("quality", DataTypes.FloatType).add("embedding", DataTypes.createArrayType(DataTypes.FloatType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < frames.rows(); i++) {
            Float[] e = new Float[frames.cols()];
            for (int c = 0; c < e.length; c++) {
                e[c] = frames.get(i, c);
            }
            rows.add(RowFactory.create((long) i, tracks.get(i), quality[i], e));
        }
        Dataset<Row> ds = LocalSpark.session().createDataFrame(rows, schema).repartition(3);
        List<Row> templates = DistributedAggregation.aggregate(ds, AggregationMethod.QANPP.create(true)).collectAsList();
        TrackFeatures single = TrackFeatures.aggregate(frames, ids, quality, AggregationMethod.QANPP.create(true));
        assertThat(templates).hasSize(60);
        for (int t = 0; t < templates.size(); t++) {
            assertThat(templates.get(t).getString(1)).isEqualTo(single.tracks().get(t).trackKey());
            List<Object> e = templates.get(t).getList(3);
            for (int c = 0; c < e.size(); c++) {
                assertThat((Float) e.get(c)).isEqualTo(single.features().get(t, c));
            }
        }
    }

    @Test
    void searchGivesCoresCandidatesAndFigures() throws Exception {
        // gallery: the first frame of 25 of the 30 identities; probes: all other frames (5 identities not enrolled)
        List<String> galleryIds = new ArrayList<>();
        List<float[]> galleryRows = new ArrayList<>();
        List<String> probeIds = new ArrayList<>();
        List<float[]> probeRows = new ArrayList<>();
        for (int i = 0; i < frames.rows(); i++) {
            boolean enrolled = Integer.parseInt(LABELS.get(i).substring(2)) < 25;
            if (enrolled && i % 8 == 0) {
                galleryIds.add(LABELS.get(i));
                galleryRows.add(frames.row(i));
            } else {
                probeIds.add(LABELS.get(i));
                probeRows.add(frames.row(i));
            }
        }
        FeatureMatrix g = FeatureMatrix.of(galleryRows.toArray(new float[0][]));
        FeatureMatrix p = FeatureMatrix.of(probeRows.toArray(new float[0][]));
        Path probes = dir.resolve("probes.feat");
        LfrFeatureFile.write(probes, p);
        Gallery gallery = new Gallery(g.cols());
        for (int i = 0; i < g.rows(); i++) {
            gallery.enrol(galleryIds.get(i), g.row(i));
        }
        List<List<GalleryMatch>> expected = gallery.searchBatch(p, 5);
        List<List<GalleryMatch>> got = new DistributedSearch(5, 7, 3).search(LocalSpark.context(), g, galleryIds, LfrFileSource.open(probes));
        assertThat(got).isEqualTo(expected); // gallery blocks of 7: merged across blocks, ties in enrolment order

        DistributedSearch.Figures f = DistributedSearch.figures(got, probeIds, galleryIds, 5, List.of(0.05, 0.2), 1);
        List<String> mateIds = new ArrayList<>();
        List<float[]> matedRows = new ArrayList<>();
        List<String> openMates = new ArrayList<>();
        for (int i = 0; i < p.rows(); i++) {
            boolean mated = galleryIds.contains(probeIds.get(i));
            if (mated) {
                mateIds.add(probeIds.get(i));
                matedRows.add(p.row(i));
            }
            openMates.add(mated ? probeIds.get(i) : null);
        }
        CmcCurve cmc = Identification.closedSet(gallery, FeatureMatrix.of(matedRows.toArray(new float[0][])), mateIds, 5);
        List<OpenSetPoint> open = Identification.openSet(gallery, p, openMates, List.of(0.05, 0.2), 1);
        assertThat(f.cmc()).isEqualTo(cmc);
        assertThat(f.openSet()).isEqualTo(open);

        // the Dataset form: (label, embedding) gallery, (id, embedding) probes -> (id, rank, label, score)
        StructType gSchema = new StructType().add("label", DataTypes.StringType).add("embedding", DataTypes.createArrayType(DataTypes.FloatType));
        StructType pSchema = new StructType().add("id", DataTypes.LongType).add("embedding", DataTypes.createArrayType(DataTypes.FloatType));
        List<Row> gRows = new ArrayList<>();
        for (int i = 0; i < g.rows(); i++) {
            gRows.add(RowFactory.create(galleryIds.get(i), boxed(g.row(i))));
        }
        List<Row> pRows = new ArrayList<>();
        for (int i = 0; i < p.rows(); i++) {
            pRows.add(RowFactory.create((long) i, boxed(p.row(i))));
        }
        List<Row> hits = PolyfaceSpark.search(LocalSpark.session().createDataFrame(gRows, gSchema),
                LocalSpark.session().createDataFrame(pRows, pSchema).repartition(2), 5).orderBy("id", "rank").collectAsList();
        assertThat(hits).hasSize(p.rows() * 5);
        for (Row h : hits) {
            GalleryMatch c = expected.get((int) h.getLong(0)).get(h.getInt(1) - 1);
            assertThat(h.getString(2)).isEqualTo(c.id());
            assertThat(h.getDouble(3)).isEqualTo(c.score());
        }

        Path gFile = dir.resolve("gallery.feat");
        LfrFeatureFile.write(gFile, g);
        CliRun run = cli("search", "--gallery", gFile.toString(), "--gallery-labels", Files.write(dir.resolve("gallery.labels"), galleryIds).toString(),
                "--probes", probes.toString(), "--probe-labels", Files.write(dir.resolve("probes.labels"), probeIds).toString(),
                "--top-k", "5", "--fpir", "0.05,0.2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(run.out());
        assertThat(j.get("rank1").asDouble()).isEqualTo(cmc.rank1());
        assertThat(j.get("open_set").get(1).get("tpir").asDouble()).isEqualTo(open.get(1).tpir());
    }

    private static Float[] boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return b;
    }

    @Test
    void badInputExitsWithStatusTwoAndOneLine() throws Exception {
        Path shortLabels = Files.write(dir.resolve("short.labels"), LABELS.subList(0, 10));
        CliRun labelsCount = cli("eval", "--features", feat.toString(), "--labels", shortLabels.toString());
        assertThat(labelsCount.exitCode()).isEqualTo(2);
        assertThat(labelsCount.err().strip()).isEqualTo("polyface-spark eval: error: " + shortLabels + " has 10 labels but " + feat
                + " has 240 rows; expected one label per row");

        Path other = dir.resolve("other-dimension.feat");
        LfrFeatureFile.write(other, FeatureMatrix.fromRowMajor(2, 3, new float[] {1, 0, 0, 0, 1, 0}));
        CliRun dims = cli("search", "--gallery", other.toString(), "--gallery-labels", Files.write(dir.resolve("two.labels"), List.of("a", "b")).toString(),
                "--probes", feat.toString(), "--probe-labels", labels.toString());
        assertThat(dims.exitCode()).isEqualTo(2);
        assertThat(dims.err()).contains("dimension 24 but the gallery 3");

        Path tracks = Files.write(dir.resolve("simple.tracks"), LABELS.stream().map(l -> l + "/t0").toList());
        CliRun noQuality = cli("aggregate", "--features", feat.toString(), "--tracks", tracks.toString(), "--method", "qanpp",
                "--out", dir.resolve("never.feat").toString());
        assertThat(noQuality.exitCode()).isEqualTo(2);
        assertThat(noQuality.err()).contains("--method qanpp needs --quality FILE");

        CliRun noModel = cli("embed", "--model", dir.resolve("missing.onnx").toString(), "--images", dir.toString(),
                "--out", dir.resolve("never.feat").toString());
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("missing.onnx: no such file");
        assertThat(noModel.err().lines().filter(l -> l.contains("error")).count()).isEqualTo(1);
        assertThat(dir.resolve("never.feat")).doesNotExist();
    }
}
