package io.polyface.spark.cli;

import io.polyface.cli.common.Json;
import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.PairScoreSummary;
import io.polyface.core.eval.TiledCosineSimilarity;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.spark.eval.DistributedAllPairs;
import io.polyface.spark.eval.LfrFileSource;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code polyface-spark bench}: all-pairs evaluation of {@code N} random clustered embeddings by the single-JVM
 * {@link AllPairsEvaluator} and by {@link DistributedAllPairs} on the given master, in the same run (the same file, the
 * same tile edge), with a per-tile cost model measured on this machine and its projection to the LFR test set. A timing
 * by the command itself, as the issue asks — not a timed test.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Times all-pairs evaluation of N random clustered embeddings: the single-JVM evaluator, then Spark (default",
            "--master local[2]) on the same file and tile edge, and checks both give the same result. Then measures one",
            "tile's cost (matrix product, scan, row reading) at the given dimensions and projects the LFR test set",
            "(N = 1,862,120) onto 16, 128 and 1,024 executor cores.",
        },
        footer = {"", "Example:", "  bin/polyface-spark bench --rows 50000 --dim 256 --master local[2] --json"})
final class SparkBenchCommand extends SparkCommand {

    /** The LFR 2019 test set (deepglint image track). */
    static final long LFR_TEST_IMAGES = 1_862_120L;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "50000", description = "Embeddings (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "256", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--per-identity", paramLabel = "K", defaultValue = "10", description = "Embeddings per identity (default: ${DEFAULT-VALUE}).")
    int perIdentity;

    @Option(names = "--far", split = ",", paramLabel = "FAR", defaultValue = "1e-6,1e-5,1e-4,1e-3", description = "Target FARs (default: ${DEFAULT-VALUE}).")
    List<Double> fars;

    @Option(names = "--tile", paramLabel = "T", defaultValue = "2048", description = "Tile edge (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--model-dims", split = ",", paramLabel = "D", defaultValue = "256,512",
            description = "Dimensions of the per-tile cost model and projection (default: ${DEFAULT-VALUE}).")
    List<Integer> modelDims;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (sparkOptions.master == null) {
            sparkOptions.master = "local[2]";
        }
        PrintWriter err = err();
        FeatureMatrix x = clustered(new Random(seed), rows, perIdentity, dim);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            labels.add("id" + i / perIdentity);
        }
        Path file = Files.createTempFile("polyface-spark-bench", ".feat");
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            LfrFeatureFile.write(file, x);
            AllPairsEvaluator single = AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(tile).build();
            FeatureMatrix warm = FeatureMatrix.fromRowMajor(Math.min(rows, 4096), dim, firstRows(x, Math.min(rows, 4096)));
            single.evaluate(warm, labels.subList(0, warm.rows()));
            err.println("polyface-spark bench: single JVM, N = " + rows + ", d = " + dim + " ...");
            err.flush();
            long t0 = System.nanoTime();
            VerificationResult expected = single.evaluate(x, labels);
            double singleSeconds = (System.nanoTime() - t0) / 1e9;

            DistributedAllPairs.Run run;
            double sparkSeconds;
            long taskNanos;
            int tasks;
            try (SparkOptions.Session session = openSession()) {
                JavaSparkContext sc = session.context();
                DistributedAllPairs job = DistributedAllPairs.builder(single)
                        .optPartitions(session.partitions()).build();
                Path warmFile = Files.createTempFile("polyface-spark-bench-warm", ".feat");
                try {
                    LfrFeatureFile.write(warmFile, warm);
                    job.evaluate(sc, LfrFileSource.open(warmFile), labels.subList(0, warm.rows()));
                } finally {
                    Files.deleteIfExists(warmFile);
                }
                AtomicLong runNanos = new AtomicLong();
                AtomicLong count = new AtomicLong();
                SparkListener metrics = new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        if (end.taskMetrics() != null) {
                            runNanos.addAndGet(end.taskMetrics().executorRunTime() * 1_000_000L);
                            count.incrementAndGet();
                        }
                    }
                };
                session.spark().sparkContext().addSparkListener(metrics);
                err.println("polyface-spark bench: Spark on " + session.master() + " ...");
                err.flush();
                long t1 = System.nanoTime();
                run = job.evaluate(sc, LfrFileSource.open(file), labels);
                sparkSeconds = (System.nanoTime() - t1) / 1e9;
                session.spark().sparkContext().listenerBus().waitUntilEmpty();
                session.spark().sparkContext().removeSparkListener(metrics);
                taskNanos = runNanos.get();
                tasks = (int) count.get();
                report.put("master", session.master());
                report.put("cores", session.spark().sparkContext().defaultParallelism());
            }
            if (!run.result().equals(expected)) {
                throw new IllegalStateException("Spark's result differs from the single-JVM evaluator's");
            }
            long pairs = (long) rows * (rows - 1) / 2;
            report.put("rows", rows);
            report.put("dimension", dim);
            report.put("pairs", pairs);
            report.put("tile", tile);
            report.put("partitions", run.plan().partitionCount());
            report.put("tiles", (long) run.plan().blocks() * (run.plan().blocks() + 1) / 2);
            report.put("identical_results", true);
            report.put("single_jvm_seconds", singleSeconds);
            report.put("spark_seconds", sparkSeconds);
            report.put("ratio_spark_over_single", sparkSeconds / singleSeconds);
            report.put("spark_task_seconds", taskNanos / 1e9);
            report.put("spark_tasks", tasks);
            report.put("single_jvm_pairs_per_second", pairs / singleSeconds);
            report.put("spark_pairs_per_second", pairs / sparkSeconds);

            List<Map<String, Object>> model = new ArrayList<>();
            int cores = (int) report.get("cores");
            // the efficiency of this run: tile work (one core's cost model) over cores x wall time
            for (int d : modelDims) {
                TileCost c = measureTile(tile, d, new Random(seed + d));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dimension", d);
                m.put("product_ms", c.productNanos / 1e6);
                m.put("scan_ms", c.scanNanos / 1e6);
                m.put("read_ms", c.readNanos / 1e6);
                m.put("tile_ms", c.total() / 1e6);
                if (d == dim) {
                    double work = (double) pairs / ((double) tile * tile) * c.total() / 1e9;
                    m.put("efficiency_of_this_run", work / (cores * sparkSeconds));
                }
                long b = (LFR_TEST_IMAGES + tile - 1) / tile;
                long lfrTiles = b * (b + 1) / 2;
                Map<String, Double> projection = new LinkedHashMap<>();
                for (int k : new int[] {16, 128, 1024}) {
                    projection.put(Integer.toString(k), lfrTiles * (c.total() / 1e9) / k / 3600.0);
                }
                m.put("lfr_tiles", lfrTiles);
                m.put("lfr_hours_by_cores_at_full_efficiency", projection);
                model.add(m);
            }
            report.put("tile_cost_model", model);
        } finally {
            Files.deleteIfExists(file);
        }
        json.print(out(), () -> report, o -> {
            o.printf(Locale.ROOT, "N = %,d, d = %d, %,d pairs, tile %d: single JVM %.2f s, Spark (%s) %.2f s, ratio %.2f, identical results%n",
                    rows, dim, (long) report.get("pairs"), tile, (double) report.get("single_jvm_seconds"), report.get("master"),
                    (double) report.get("spark_seconds"), (double) report.get("ratio_spark_over_single"));
            o.println(Json.line(report.get("tile_cost_model")));
        });
        return 0;
    }

    /** One tile's cost on one thread: the matrix product, the scan, and reading the column block's rows. */
    private record TileCost(double productNanos, double scanNanos, double readNanos) {
        double total() {
            return productNanos + scanNanos + readNanos;
        }
    }

    private static TileCost measureTile(int tile, int d, Random r) throws java.io.IOException {
        FeatureMatrix a = clustered(r, tile, 10, d);
        FeatureMatrix b = clustered(r, tile, 10, d);
        int[] labels = new int[2 * tile];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 10;
        }
        Path f = Files.createTempFile("polyface-spark-tile", ".feat");
        try {
            LfrFeatureFile.write(f, b);
            int reps = 5;
            double product = 0;
            double scan = 0;
            double read = 0;
            try (TiledCosineSimilarity.Block ba = TiledCosineSimilarity.Block.upload(a, 0)) {
                for (int rep = -1; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    FeatureMatrix rowsB = LfrFeatureFile.readRows(f, 0, tile);
                    long t1 = System.nanoTime();
                    TiledCosineSimilarity.Tile t;
                    try (TiledCosineSimilarity.Block bb = TiledCosineSimilarity.Block.upload(rowsB, tile)) {
                        t = TiledCosineSimilarity.tile(ba, bb);
                    }
                    long t2 = System.nanoTime();
                    new PairScoreSummary(1_000_000, 1 << 14).scan(t, labels);
                    long t3 = System.nanoTime();
                    if (rep >= 0) { // rep -1 warms up
                        read += t1 - t0;
                        product += t2 - t1;
                        scan += t3 - t2;
                    }
                }
            }
            return new TileCost(product / reps, scan / reps, read / reps);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static float[] firstRows(FeatureMatrix x, int n) {
        float[] out = new float[n * x.cols()];
        x.copyRows(0, n, out, 0);
        return out;
    }

    /** Unit-variance identity centres plus noise, {@code per} rows per identity, rows of an identity together. */
    private static FeatureMatrix clustered(Random r, int n, int per, int d) {
        float[] x = new float[n * d];
        float[] centre = new float[d];
        for (int i = 0; i < n; i++) {
            if (i % per == 0) {
                for (int k = 0; k < d; k++) {
                    centre[k] = (float) r.nextGaussian();
                }
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] = centre[k] + 1.2f * (float) r.nextGaussian();
            }
        }
        return FeatureMatrix.fromRowMajor(n, d, x);
    }
}
