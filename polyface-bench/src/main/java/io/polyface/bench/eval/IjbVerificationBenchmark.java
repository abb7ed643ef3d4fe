package io.polyface.bench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.eval.CosineSimilarity;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.eval.ijb.SyntheticPairList;
import io.polyface.core.eval.ijb.TemplateFeatures;
import io.polyface.core.eval.ijb.TemplatePairFile;
import io.polyface.core.eval.ijb.TemplatePairScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The IJB-C 1:1 part at IJB-C size against the matrix products it needs (issue 18, item 6: at most 2× their
 * time). Input: an IJB-C-shaped pair list written by {@link SyntheticPairList} (15,658,489 lines, 23,124
 * templates of which 3,531 enrolment templates come first in every pair, six-digit ids as IJB-C's, 250 MB) and
 * 512-d template features. Measured in one run:
 * <ul>
 *   <li>{@code oneToOne}: the whole 1:1 part — stream and parse the list, score every pair
 *       ({@link TemplatePairScorer}), sort, exact TAR at FAR 1e-6 … 1e-1, the InsightFace-compatible nearest
 *       points and the ROC;</li>
 *   <li>{@code matrixProducts}: the float32 products every listed pair lies in, {@code X̂[E] · X̂[P]ᵀ} for the
 *       enrolment rows {@code E} (in blocks of 128 rows) against all probe templates {@code P}, on the same engine
 *       (DJL/PyTorch {@code sgemm}) — 3,531 × 19,593 × 512 multiply-adds, the rows × columns the scorer's
 *       chunks multiply;</li>
 *   <li>{@code parseOnly}: reading and parsing the list alone.</li>
 * </ul>
 * {@code IjbVerificationBenchmark --interleaved ROUNDS} (the default entry, via
 * {@code POLYFACE_BENCH_MAIN=io.polyface.bench.eval.IjbVerificationBenchmark bin/polyface-bench --interleaved 3})
 * times the three in rotating order per round after a warm-up round and prints the per-round ratio
 * {@code oneToOne / matrixProducts} of wall time and of process CPU time (all threads, the engine's included;
 * less sensitive to other processes on a shared machine) and their medians; JMH runs them as usual
 * ({@code bin/polyface-bench IjbVerificationBenchmark -f 1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class IjbVerificationBenchmark {

    private static final int D = 512;
    private static final int BLOCK = 128;
    private static final List<Double> FARS = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1);

    private Path dir;
    private Path pairs;
    private TemplateFeatures templates;
    private SyntheticPairList.Layout layout;

    /**
     * Writes the pair list to a temporary folder and draws the features.
     *
     * @throws IOException if the list cannot be written
     */
    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("polyface-ijb-bench");
        pairs = dir.resolve("ijbc_template_pair_label.txt");
        layout = SyntheticPairList.writeIjbcSize(pairs, 11, 100_000L); // six-digit ids, as IJB-C's (about 16 bytes a line)
        templates = SyntheticPairList.features(layout, D, 1.2, 7);
    }

    /**
     * Deletes the pair list.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(pairs);
        Files.deleteIfExists(dir);
    }

    /**
     * The whole 1:1 part.
     *
     * @return TAR at FAR 1e-4 (consumed by JMH)
     * @throws IOException if reading fails
     */
    @Benchmark
    public double oneToOne() throws IOException {
        TemplatePairScorer.Result r = TemplatePairScorer.builder().build().score(pairs, templates);
        VerificationResult v = r.scores().evaluate(FARS);
        return v.operatingPoints().get(2).tar() + r.scores().nearestRocPoints(FARS).get(2).tpr();
    }

    /**
     * The matrix products every listed pair lies in.
     *
     * @return a checksum (consumed by JMH)
     */
    @Benchmark
    public double matrixProducts() {
        int e = layout.enrolment();
        int t = layout.templates();
        float[] x = new float[t * D];
        for (int i = 0; i < t; i++) {
            System.arraycopy(CosineSimilarity.normalized(templates.features().row(i)), 0, x, i * D, D);
        }
        double checksum = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray all = m.create(x, new Shape(t, D));
            NDArray probesT = all.get(e + ":").transpose().duplicate();
            for (int start = 0; start < e; start += BLOCK) {
                try (NDManager scope = m.newSubManager()) {
                    NDArray rows = all.get(start + ":" + Math.min(e, start + BLOCK));
                    rows.attach(scope);
                    NDArray product = rows.matMul(probesT);
                    product.attach(scope);
                    checksum += product.getFloat(0, 0);
                }
            }
        }
        return checksum;
    }

    /**
     * Reading and parsing the list alone.
     *
     * @return the number of genuine pairs (consumed by JMH)
     * @throws IOException if reading fails
     */
    @Benchmark
    public long parseOnly() throws IOException {
        long[] genuine = {0};
        TemplatePairFile.stream(pairs, (a, b, g, line) -> genuine[0] += g ? 1 : 0);
        return genuine[0];
    }

    /**
     * {@code --interleaved ROUNDS} (default 3) times the three in rotating order; other arguments go to JMH.
     *
     * @param args {@code --interleaved ROUNDS}, or JMH options
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("--interleaved")) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        IjbVerificationBenchmark b = new IjbVerificationBenchmark();
        b.setUp();
        try {
            String[] names = {"1:1 part", "matrix products", "parse only"};
            double[][] seconds = new double[3][rounds];
            double[][] cpu = new double[3][rounds];
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            double sink = 0;
            for (int round = -1; round < rounds; round++) { // round -1 warms up
                for (int k = 0; k < 3; k++) {
                    int which = (k + Math.max(round, 0)) % 3;
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    sink += which == 0 ? b.oneToOne() : which == 1 ? b.matrixProducts() : b.parseOnly();
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (round >= 0) {
                        seconds[which][round] = s;
                        cpu[which][round] = (os.getProcessCpuTime() - c0) / 1e9;
                    }
                }
                if (round >= 0) {
                    System.out.printf(Locale.ROOT, "round %d: %s %.2f s (CPU %.2f s), %s %.2f s (CPU %.2f s), %s %.2f s;"
                                    + " 1:1 / products = %.2f wall, %.2f CPU%n", round + 1, names[0], seconds[0][round], cpu[0][round],
                            names[1], seconds[1][round], cpu[1][round], names[2], seconds[2][round],
                            seconds[0][round] / seconds[1][round], cpu[0][round] / cpu[1][round]);
                }
            }
            double[] ratio = new double[rounds];
            double[] cpuRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = seconds[0][r] / seconds[1][r];
                cpuRatio[r] = cpu[0][r] / cpu[1][r];
            }
            System.out.printf(Locale.ROOT, "IJB-C size (%,d pairs, %,d templates, d = %d; sink %.3f): median 1:1 part %.2f s"
                            + " (%.3g pairs/s), matrix products %.2f s, parse only %.2f s; median 1:1 / products = %.2f wall,"
                            + " %.2f process CPU time (target <= 2)%n",
                    SyntheticPairList.IJBC_PAIRS, SyntheticPairList.IJBC_TEMPLATES, D, sink, AllPairsEvalBenchmark.median(seconds[0]),
                    SyntheticPairList.IJBC_PAIRS / AllPairsEvalBenchmark.median(seconds[0]), AllPairsEvalBenchmark.median(seconds[1]),
                    AllPairsEvalBenchmark.median(seconds[2]), AllPairsEvalBenchmark.median(ratio), AllPairsEvalBenchmark.median(cpuRatio));
        } finally {
            b.tearDown();
        }
    }
}
