package io.polyface.spark.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.cli.common.Json;
import io.polyface.cli.common.VerificationOutput;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.pipeline.EmbeddingSetup;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FolderEmbeddings;
import io.polyface.devtree.SharedResources;
import io.polyface.spark.LocalSpark;
import io.polyface.spark.TestData;
import io.polyface.spark.cli.PolyfaceSparkCli;
import io.polyface.spark.embed.DistributedEmbedder;
import io.polyface.spark.embed.ImageSlice;
import io.polyface.spark.eval.DistributedAllPairs;
import io.polyface.spark.eval.LfrFileSource;
import io.polyface.spark.session.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extraction and evaluation through a real Spark standalone cluster (master and two workers as separate JVMs on
 * 127.0.0.1, 1 core and 512 MB each), with one worker killed in the middle of the extraction job: Spark retries the lost
 * tasks on the other worker, the results equal the single-JVM ones exactly, and no partial output is left.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class StandaloneClusterTest {

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws Exception {
        LocalSpark.stop(); // one SparkContext per JVM
        cluster = StandaloneCluster.start(Files.createDirectories(dir.resolve("spark-home")), 2);
        spark = SparkSessions.create(cluster.url(), "polyface-spark cluster test", cluster.driverSettings());
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void extractionSurvivesAKilledWorkerThenEvaluationIsExact() throws Exception {
        try {
            extractAndEvaluate();
        } catch (Exception | AssertionError e) {
            System.err.println(cluster.logTails());
            throw e;
        }
    }

    private void extractAndEvaluate() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path bbt = SharedResources.resolve("data/bbt");
        EmbeddingSetup setup = new EmbeddingSetup(SharedResources.resolve("models/fr_feature.onnx").toString(), EmbeddingSetup.Alignment.YUNET,
                SharedResources.resolve("models/yunet.onnx").toString(), FacePipeline.NoFacePolicy.SKIP, false, 112, ChannelOrder.RGB, 127f,
                128f, 32, false);
        FolderEmbeddings expected;
        try (EmbeddingSetup.Opened opened = setup.open()) {
            expected = opened.folder().embed(bbt, null);
        }

        // kill worker 1 (and its executor) as soon as the first extraction task has finished
        CountDownLatch firstTask = new CountDownLatch(1);
        AtomicInteger failedTasks = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().successful()) {
                    firstTask.countDown();
                } else {
                    failedTasks.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        Thread killer = new Thread(() -> {
            try {
                if (firstTask.await(120, TimeUnit.SECONDS)) {
                    cluster.killWorker(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("bbt.feat");
        Path table = outDir.resolve("bbt.parquet");
        DistributedEmbedder.Summary s = new DistributedEmbedder(setup).run(sc, ImageSlice.ofFolder(bbt, 8), out, table);
        killer.join();
        spark.sparkContext().removeSparkListener(listener);

        assertThat(failedTasks.get()).as("tasks lost with the killed worker").isPositive();
        assertThat(s.embedded()).isEqualTo(expected.features().rows()).isEqualTo(40);
        assertThat(LfrFeatureFile.read(out)).isEqualTo(expected.features()); // fr_feature.onnx runs batch 1: bit for bit
        assertThat(Files.readAllLines(Path.of(out + ".list"))).isEqualTo(expected.paths());
        assertThat(Files.readAllLines(Path.of(out + ".labels"))).isEqualTo(expected.labels());
        assertThat(spark.read().parquet(table.toString()).count()).isEqualTo(40);
        try (Stream<Path> files = Files.list(outDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("bbt.feat", "bbt.feat.list", "bbt.feat.labels", "bbt.parquet"); // nothing temporary
        }

        // evaluation on the surviving worker: the BBT features, and random features big enough for FAR 1e-5
        List<String> labels = Files.readAllLines(Path.of(out + ".labels"));
        List<Double> fars = List.of(1e-2, 0.1);
        assertThat(DistributedAllPairs.builder(AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(16).build()).optPartitions(4).build()
                .evaluate(sc, LfrFileSource.open(out), labels).result())
                .isEqualTo(AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(16).build().evaluate(expected.features(), labels));
        List<String> random = new ArrayList<>();
        FeatureMatrix x = TestData.clustered(5, 60, 10, 32, 1.0f, random);
        Path feat = dir.resolve("random.feat");
        LfrFeatureFile.write(feat, x);
        List<Double> low = List.of(1e-5, 1e-4, 1e-3);
        VerificationResult singleResult = AllPairsEvaluator.builder().optTargetFars(low).optTileSize(128).build().evaluate(x, random);
        DistributedAllPairs.Run run = DistributedAllPairs.builder(AllPairsEvaluator.builder().optTargetFars(low).optTileSize(128)
                .optMaxKeptImpostorScores(20).build()).optPartitions(5).build().evaluate(sc, LfrFileSource.open(feat), random);
        assertThat(run.passes()).isGreaterThan(1);
        assertThat(run.result().operatingPoints()).isEqualTo(singleResult.operatingPoints());

        // the command line on the cluster: the same files as the API run above, and the JSON of 'polyface eval --json'
        Path cliOut = dir.resolve("cli.feat");
        CliRun embed = cli("embed", "--model", setup.model(), "--rgb", "--mean", "127", "--std", "128", "--images", bbt.toString(),
                "--out", cliOut.toString(), "--partitions", "3", "--json");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        assertThat(Files.readAllBytes(cliOut)).isEqualTo(Files.readAllBytes(out));
        assertThat(Files.readAllLines(Path.of(cliOut + ".list"))).isEqualTo(expected.paths());
        CliRun eval = cli("eval", "--features", feat.toString(), "--labels", writeLabels(random).toString(), "--far", "1e-5,1e-4,1e-3",
                "--tile", "128", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        ObjectNode got = (ObjectNode) Json.mapper().readTree(eval.out());
        assertThat(got.remove("spark").get("master").asText()).isEqualTo(cluster.url());
        StringWriter single = new StringWriter();
        try (PrintWriter w = new PrintWriter(single)) {
            VerificationOutput.printAllPairs(w, singleResult, feat, x.rows(), x.cols(), null, true, null);
        }
        assertThat(got).isEqualTo(Json.mapper().readTree(single.toString()));
    }

    private static CliRun cli(String... args) {
        return CliRun.of(PolyfaceSparkCli.newCommandLine(), args);
    }

    private static Path writeLabels(List<String> labels) throws java.io.IOException {
        return Files.write(dir.resolve("random.labels"), labels);
    }
}
