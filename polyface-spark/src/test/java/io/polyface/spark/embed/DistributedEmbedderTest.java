package io.polyface.spark.embed;

import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.Parity;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LabelsFile;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.io.RecordIoWriter;
import io.polyface.core.pipeline.EmbeddingSetup;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FolderEmbedder;
import io.polyface.core.pipeline.FolderEmbeddings;
import io.polyface.core.testing.TestFiles;
import io.polyface.devtree.SharedResources;
import io.polyface.spark.LocalSpark;
import io.polyface.spark.eval.DistributedAllPairs;
import io.polyface.spark.eval.LfrFileSource;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Extraction on {@code local[2]} against the single-JVM embedder of {@code bin/polyface embed} on real faces from
 * {@code ../shared}: BBT photos through YuNet detection and alignment (a folder tree), 200 ORL faces from a list
 * file, and BBT again from an InsightFace RecordIO file. Rows equal within 1e-6 relative and in the same order; then
 * all-pairs evaluation of the ORL features equals {@link AllPairsEvaluator} exactly. Bad input: strict mode, a missing
 * or broken model, and no output left behind.
 */
class DistributedEmbedderTest {

    @TempDir
    Path dir;

    private static EmbeddingSetup setup(EmbeddingSetup.Alignment align, boolean strict) {
        return new EmbeddingSetup(SharedResources.resolve("models/fr_feature.onnx").toString(), align,
                SharedResources.resolve("models/yunet.onnx").toString(), FacePipeline.NoFacePolicy.SKIP, false, 112, ChannelOrder.RGB, 127f, 128f,
                32, strict);
    }

    @AfterAll
    static void closeModels() {
        ExecutorModels.closeAll();
    }

    /** The single-JVM rows (what bin/polyface embed computes) for named images under a root. */
    private static FolderEmbeddings single(EmbeddingSetup setup, Path root, List<String> names, List<String> labels) throws IOException {
        try (EmbeddingSetup.Opened opened = setup.open()) {
            return opened.folder().embed(names, labels, i -> ImageDecoder.read(root.resolve(names.get(i))), null);
        }
    }

    private static void assertSameRows(Path feat, FolderEmbeddings expected) throws IOException {
        FeatureMatrix got = LfrFeatureFile.read(feat);
        assertThat(got.rows()).isEqualTo(expected.features().rows());
        for (int r = 0; r < got.rows(); r++) {
            assertThat(Parity.relativeL2(got.row(r), expected.features().row(r))).as("row %d", r).isLessThanOrEqualTo(1e-6);
        }
        assertThat(Files.readAllLines(Path.of(feat + ".list"))).isEqualTo(expected.paths());
        assertThat(Files.readAllLines(Path.of(feat + ".labels"))).isEqualTo(expected.labels());
    }

    @Test
    void aFolderTreeThroughDetectionAndAlignmentWithAParquetTable() throws IOException {
        Path bbt = dir.resolve("bbt");
        TestFiles.copyTree(SharedResources.resolve("data/bbt"), bbt);
        Path nobody = Files.createDirectories(bbt.resolve("nobody"));
        float[] grey = new float[96 * 96];
        Arrays.fill(grey, 0.5f);
        ImageEncoder.writePng(RgbImage.fromGrey(96, 96, grey), nobody.resolve("blank.png")); // no face to detect
        EmbeddingSetup s = setup(EmbeddingSetup.Alignment.YUNET, false);
        List<String> names = FolderEmbedder.listImages(bbt);
        FolderEmbeddings expected = single(s, bbt, names, FolderEmbedder.identities(names));
        assertThat(expected.noFace()).containsExactly("nobody/blank.png");
        assertThat(expected.unreadable()).hasSize(1); // the folder's LICENSE file

        Path out = dir.resolve("bbt.feat");
        Path table = dir.resolve("bbt.parquet");
        DistributedEmbedder.Summary summary = new DistributedEmbedder(s).run(LocalSpark.context(), ImageSlice.ofFolder(bbt, 3), out, table);
        assertSameRows(out, expected);
        assertThat(summary.embedded()).isEqualTo(40);
        assertThat(summary.noFace()).containsExactly("nobody/blank.png");
        assertThat(summary.unreadable()).hasSize(1).allSatisfy(u -> assertThat(u).startsWith("LICENSE.repo: "));

        List<Row> rows = LocalSpark.session().read().parquet(table.toString()).orderBy("index").collectAsList();
        assertThat(rows).hasSize(41);
        FeatureMatrix feat = LfrFeatureFile.read(out);
        int r = 0;
        for (Row row : rows) {
            if (row.getBoolean(row.fieldIndex("no_face"))) {
                assertThat(row.getString(row.fieldIndex("path"))).isEqualTo("nobody/blank.png");
                assertThat(row.getString(row.fieldIndex("label"))).isEqualTo("nobody");
                assertThat(row.isNullAt(row.fieldIndex("embedding"))).isTrue();
                continue;
            }
            assertThat(row.getString(row.fieldIndex("path"))).isEqualTo(expected.paths().get(r));
            List<Object> e = row.getList(row.fieldIndex("embedding"));
            for (int c = 0; c < e.size(); c++) {
                assertThat((Float) e.get(c)).isEqualTo(feat.get(r, c));
            }
            r++;
        }
        assertThat(r).isEqualTo(40);
    }

    @Test
    void aListFileOfOrlFacesThenExactAllPairsOnTheirFeatures() throws IOException {
        Path orl = SharedResources.resolve("data/orl");
        // identities s1..s20 (200 faces; all 400 double the time for the same check)
        List<String> names = FolderEmbedder.listImages(orl).stream().filter(n -> n.endsWith(".pgm"))
                .filter(n -> Integer.parseInt(n.substring(1, n.indexOf('/'))) <= 20).toList();
        assertThat(names).hasSize(200);
        List<String> labels = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String id = names.get(i).substring(0, names.get(i).indexOf('/'));
            labels.add(i % 2 == 0 ? "person-" + id : id); // half the lines carry a label, the others take the folder
            list.append(names.get(i)).append(i % 2 == 0 ? " person-" + id : "").append('\n');
        }
        Path listFile = Files.writeString(dir.resolve("orl.txt"), list);
        EmbeddingSetup s = setup(EmbeddingSetup.Alignment.NONE, true);
        FolderEmbeddings expected = single(s, orl, names, labels);
        Path out = dir.resolve("orl.feat");
        new DistributedEmbedder(s).run(LocalSpark.context(), ImageSlice.ofListFile(listFile, orl, 4), out, null);
        assertSameRows(out, expected);

        // the real features, evaluated by Spark and by the single-JVM evaluator (19,000 impostor pairs: 1e-6 and 1e-5 sample-limited)
        List<String> ids = LabelsFile.read(Path.of(out + ".labels")).stream().map(l -> l.replace("person-", "")).toList();
        List<Double> fars = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2);
        VerificationResult single = AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(64).build().evaluate(LfrFeatureFile.read(out), ids);
        DistributedAllPairs.Run spark = DistributedAllPairs.builder(AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(64).build()).optPartitions(9).build()
                .evaluate(LocalSpark.context(), LfrFileSource.open(out), ids);
        assertThat(spark.result()).isEqualTo(single);
        // real faces, a sane pipeline: unaligned (whole 92x112 photo resized), TAR@FAR=1e-3 is far above chance
        assertThat(single.operatingPoints().get(3).tar()).isGreaterThan(0.6);
        DistributedAllPairs.Run capped = DistributedAllPairs.builder(AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(64)
                .optMaxKeptImpostorScores(100).build()).build().evaluate(LocalSpark.context(), LfrFileSource.open(out), ids);
        assertThat(capped.passes()).isGreaterThan(1);
        assertThat(capped.result().operatingPoints()).isEqualTo(single.operatingPoints());
    }

    @Test
    void anInsightFaceRecordIoFileSplitByKeyRanges() throws IOException {
        Path bbt = SharedResources.resolve("data/bbt");
        List<String> names = FolderEmbedder.listImages(bbt).stream().filter(n -> n.endsWith(".png")).toList();
        Path rec = dir.resolve("bbt.rec");
        List<String> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (RecordIoWriter w = RecordIoWriter.create(rec)) {
            w.writeHeaderRecord(names.size() + 1);
            for (int i = 0; i < names.size(); i++) {
                w.writeImage(i + 1, i / 5, Files.readAllBytes(bbt.resolve(names.get(i))));
                keys.add(Integer.toString(i + 1));
                labels.add(Integer.toString(i / 5));
            }
        }
        EmbeddingSetup s = setup(EmbeddingSetup.Alignment.YUNET, false);
        FolderEmbeddings expected;
        try (EmbeddingSetup.Opened opened = s.open()) {
            expected = opened.folder().embed(keys, labels, i -> ImageDecoder.read(bbt.resolve(names.get(i))), null);
        }
        Path out = dir.resolve("rec.feat");
        new DistributedEmbedder(s).run(LocalSpark.context(), ImageSlice.ofRecordIo(rec, 3), out, null);
        assertSameRows(out, expected);
    }

    @Test
    void aDatasetOfImagePathsGivesTheTableRows() throws IOException {
        Path bbt = SharedResources.resolve("data/bbt");
        List<String> names = FolderEmbedder.listImages(bbt).stream().filter(n -> n.endsWith(".png")).limit(12).toList();
        List<Row> images = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String n : names) {
            paths.add(bbt.resolve(n).toString());
            images.add(org.apache.spark.sql.RowFactory.create(bbt.resolve(n).toString(), n.substring(0, n.indexOf('/'))));
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("path", org.apache.spark.sql.types.DataTypes.StringType).add("label", org.apache.spark.sql.types.DataTypes.StringType);
        EmbeddingSetup s = setup(EmbeddingSetup.Alignment.YUNET, false);
        List<Row> rows = io.polyface.spark.PolyfaceSpark.embed(LocalSpark.session().createDataFrame(images, schema).repartition(3), s)
                .orderBy("index").collectAsList();
        FolderEmbeddings expected = single(s, Path.of("/"), paths, FolderEmbedder.identities(names));
        assertThat(rows).hasSize(12);
        for (Row row : rows) { // repartition(3) shuffled the rows: match them by path
            int r = paths.indexOf(row.getString(1));
            assertThat(row.getString(2)).isEqualTo(expected.labels().get(r));
            List<Object> e = row.getList(3);
            for (int c = 0; c < e.size(); c++) {
                assertThat((Float) e.get(c)).isEqualTo(expected.features().get(r, c));
            }
        }
    }

    @Test
    void badInputFailsAtOnceAndLeavesNothing() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images/a"));
        Files.copy(SharedResources.resolve("data/orl/s1/1.pgm"), images.resolve("1.pgm"));
        Files.writeString(images.resolve("2.jpg"), "not an image");
        Path out = dir.resolve("out.feat");
        Path table = dir.resolve("out.parquet");
        List<ImageSlice> slices = ImageSlice.ofFolder(dir.resolve("images"), 2);
        assertThatThrownBy(() -> new DistributedEmbedder(setup(EmbeddingSetup.Alignment.NONE, true)).run(LocalSpark.context(), slices, out, table))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable image a/2.jpg");
        EmbeddingSetup missing = new EmbeddingSetup(dir.resolve("nope.onnx").toString(), EmbeddingSetup.Alignment.NONE, null, null,
                false, null, null, null, null, 32, false);
        assertThatThrownBy(() -> new DistributedEmbedder(missing).run(LocalSpark.context(), slices, out, table))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("nope.onnx");
        Path broken = Files.writeString(dir.resolve("broken.onnx"), "not a model");
        EmbeddingSetup bad = new EmbeddingSetup(broken.toString(), EmbeddingSetup.Alignment.NONE, null, null,
                false, null, null, null, null, 32, false);
        assertThatThrownBy(() -> new DistributedEmbedder(bad).run(LocalSpark.context(), slices, out, table))
                .isInstanceOf(IOException.class).hasMessageContaining("broken.onnx");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("images", "broken.onnx");
        }
    }
}
