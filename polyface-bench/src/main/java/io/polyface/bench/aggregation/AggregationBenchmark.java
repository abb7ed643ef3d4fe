package io.polyface.bench.aggregation;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.IjbTemplate;
import io.polyface.aggregation.MeanPooling;
import io.polyface.aggregation.Qan;
import io.polyface.aggregation.QanPlusPlus;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of set aggregation (polyface-aggregation) in frames per second, beside a plain array
 * copy of the same frames in the same run.
 *
 * <p>Each invocation aggregates one set of {@value #FRAMES_PER_SET} frame embeddings of dimension
 * {@code dim} given as a row-major {@code float[16 * dim]} (the layout of a feature file), so the
 * primary score, thanks to {@code @OperationsPerInvocation(16)}, is <b>frames/s</b>. The baseline
 * {@link #arrayCopy} copies the same {@code 16 * dim} floats with {@link System#arraycopy}; the ratio
 * of an aggregator's frames/s to the copy's is its cost relative to merely touching the data.
 *
 * <p><b>Bytes moved</b> are reported as secondary scores (bytes/s; JMH's {@code ops/s} unit on a
 * counter): {@code bytesRead} and {@code bytesWritten}, counted per invocation. Per frame an
 * aggregator reads {@code 4·dim} embedding bytes (+4 bytes of quality score for QAN and QAN++) and
 * writes the {@code 4·dim}-byte result once per set (i.e. {@code 4·dim/16} per frame); the copy reads
 * {@code 4·dim} and writes {@code 4·dim} bytes per frame. These are the bytes the algorithm touches in
 * the arrays it is given, not measured memory traffic.
 *
 * <p><b>Data.</b> {@code data = cached}: one set, reused, so it stays in the L1/L2 caches (compute
 * bound); {@code data = streaming}: sets drawn in turn from a 64 MiB pool, larger than a typical L3
 * cache, so the frames come from main memory (bandwidth bound). Components are uniform in
 * {@code [-1, 1)}, scores uniform in {@code [0, 1)}, and the IJB template has 4 media of 4 frames.
 *
 * <p>Run: {@code java -cp <classpath> org.openjdk.jmh.Main AggregationBenchmark -f 1 -wi 3 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AggregationBenchmark.FRAMES_PER_SET)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class AggregationBenchmark {

    /** Frames per aggregated set. */
    public static final int FRAMES_PER_SET = 16;

    private static final long POOL_BYTES = 64L << 20;
    private static final int MEDIA_PER_SET = 4;

    /** Embedding dimension d. */
    @Param({"256", "512"})
    public int dim;

    /** {@code cached}: one set reused; {@code streaming}: a 64 MiB pool of sets visited in turn. */
    @Param({"cached", "streaming"})
    public String data;

    private float[][] sets;
    private float[][] scores;
    private String[] mediaIds;
    private float[] copyTarget;
    private int next;

    private final Aggregator meanPooling = MeanPooling.builder().build();
    private final Aggregator qan = Qan.builder().build();
    private final Aggregator qanPlusPlus = QanPlusPlus.builder().build();
    private final Aggregator ijbTemplate = IjbTemplate.builder().build();

    /** Bytes the benchmark methods touch, reported as bytes/s (reset every iteration by JMH). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        /** Bytes read from the input arrays. */
        public long bytesRead;
        /** Bytes written to output arrays. */
        public long bytesWritten;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            bytesRead = 0;
            bytesWritten = 0;
        }
    }

    /**
     * Allocates the sets.
     *
     * @throws IllegalArgumentException if {@code data} is neither {@code cached} nor {@code streaming}
     */
    @Setup(Level.Trial)
    public void setUp() {
        int setFloats = FRAMES_PER_SET * dim;
        int count = switch (data) {
            case "cached" -> 1;
            case "streaming" -> (int) (POOL_BYTES / (4L * setFloats));
            default -> throw new IllegalArgumentException("data = '" + data + "'; expected cached or streaming");
        };
        Random rnd = new Random(2019);
        sets = new float[count][setFloats];
        scores = new float[count][FRAMES_PER_SET];
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < setFloats; k++) {
                sets[s][k] = rnd.nextFloat() * 2f - 1f;
            }
            for (int i = 0; i < FRAMES_PER_SET; i++) {
                scores[s][i] = rnd.nextFloat();
            }
        }
        mediaIds = new String[FRAMES_PER_SET];
        for (int i = 0; i < FRAMES_PER_SET; i++) {
            mediaIds[i] = "media" + (i % MEDIA_PER_SET);
        }
        copyTarget = new float[setFloats];
        next = 0;
    }

    private int nextSet() {
        int s = next;
        next = s + 1 == sets.length ? 0 : s + 1;
        return s;
    }

    private float[] aggregate(Aggregator a, boolean withScores, Traffic t) {
        int s = nextSet();
        float[] v = a.aggregate(sets[s], FRAMES_PER_SET, dim, scores[s], mediaIds);
        t.bytesRead += 4L * FRAMES_PER_SET * dim + (withScores ? 4L * FRAMES_PER_SET : 0);
        t.bytesWritten += 4L * dim;
        return v;
    }

    /**
     * Baseline: copies one set's {@code 16 * dim} floats.
     *
     * @param t byte counters
     * @return the copy target (consumed by JMH)
     */
    @Benchmark
    public float[] arrayCopy(Traffic t) {
        int s = nextSet();
        System.arraycopy(sets[s], 0, copyTarget, 0, copyTarget.length);
        t.bytesRead += 4L * copyTarget.length;
        t.bytesWritten += 4L * copyTarget.length;
        return copyTarget;
    }

    /**
     * {@link MeanPooling}, normalised.
     *
     * @param t byte counters
     * @return the set feature (consumed by JMH)
     */
    @Benchmark
    public float[] meanPooling(Traffic t) {
        return aggregate(meanPooling, false, t);
    }

    /**
     * {@link Qan}, unnormalised.
     *
     * @param t byte counters
     * @return the set feature (consumed by JMH)
     */
    @Benchmark
    public float[] qan(Traffic t) {
        return aggregate(qan, true, t);
    }

    /**
     * {@link QanPlusPlus}, unnormalised.
     *
     * @param t byte counters
     * @return the set feature (consumed by JMH)
     */
    @Benchmark
    public float[] qanPlusPlus(Traffic t) {
        return aggregate(qanPlusPlus, true, t);
    }

    /**
     * {@link IjbTemplate}, normalised, 4 media of 4 frames.
     *
     * @param t byte counters
     * @return the template feature (consumed by JMH)
     */
    @Benchmark
    public float[] ijbTemplate(Traffic t) {
        return aggregate(ijbTemplate, false, t);
    }
}
