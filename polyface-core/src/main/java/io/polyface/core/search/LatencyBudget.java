package io.polyface.core.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.util.OrderedMaps;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inference latency ≤ a bound, measured on this host: the median wall time of {@code timedRuns} batch-1
 * forward passes of the inference network (input to embedding) with DJL's PyTorch engine, after
 * {@code warmupRuns} untimed passes. <b>Not deterministic</b>: the verdict depends on the host, its load and
 * the engine's threads, so a search with this constraint is not reproducible from its seed alone. It is
 * checked after the deterministic constraints, only for candidates that meet them, and costs a network
 * build and {@code warmupRuns + timedRuns} forward passes per candidate.
 *
 * @param maxMillis the bound in milliseconds, &gt; 0
 * @param warmupRuns untimed passes first, ≥ 0
 * @param timedRuns timed passes, ≥ 1
 */
public record LatencyBudget(double maxMillis, int warmupRuns, int timedRuns) implements Constraint {

    /** Validates. */
    public LatencyBudget {
        if (!(maxMillis > 0) || !Double.isFinite(maxMillis)) {
            throw new IllegalArgumentException("latency bound must be > 0 ms, got " + maxMillis);
        }
        if (warmupRuns < 0 || timedRuns < 1) {
            throw new IllegalArgumentException("latency measurement needs warmupRuns >= 0 and timedRuns >= 1, got "
                    + warmupRuns + " and " + timedRuns);
        }
    }

    /**
     * @param maxMillis the bound in milliseconds
     * @return the bound with 2 warm-up and 5 timed passes
     */
    public static LatencyBudget of(double maxMillis) {
        return new LatencyBudget(maxMillis, 2, 5);
    }

    /**
     * Measures a spec's batch-1 inference latency on this host.
     *
     * @param spec the architecture
     * @param warmupRuns untimed passes
     * @param timedRuns timed passes
     * @return the median time of the timed passes, in milliseconds
     */
    public static double measureMillis(ArchSpec spec, int warmupRuns, int timedRuns) {
        long[] shape = spec.input().withBatch(1);
        float[] pixels = new float[Math.toIntExact(spec.input().numel())];
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) ((random.nextInt(256) - spec.mean()) / spec.std());
        }
        double[] times = new double[timedRuns];
        try (NDManager manager = NDManager.newBaseManager()) {
            SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            for (int run = 0; run < warmupRuns + timedRuns; run++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(pixels, new Shape(shape));
                    long t0 = System.nanoTime();
                    NDArray y = net.block().forward(ps, new NDList(x), false).singletonOrThrow();
                    y.toFloatArray();
                    long t1 = System.nanoTime();
                    if (run >= warmupRuns) {
                        times[run - warmupRuns] = (t1 - t0) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(times);
        return timedRuns % 2 == 1 ? times[timedRuns / 2] : (times[timedRuns / 2 - 1] + times[timedRuns / 2]) / 2;
    }

    @Override
    public boolean admits(Candidate candidate) {
        return measureMillis(candidate.spec(), warmupRuns, timedRuns) <= maxMillis;
    }

    @Override
    public String explain(Candidate candidate) {
        return String.format(Locale.ROOT, "latency %.4g ms > %.4g ms (measured again on this host)",
                measureMillis(candidate.spec(), warmupRuns, timedRuns), maxMillis);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "batch-1 latency <= %.4g ms on this host (median of %d runs; not deterministic)",
                maxMillis, timedRuns);
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("type", "latency", "max_millis", maxMillis, "warmup_runs", warmupRuns,
                "timed_runs", timedRuns, "deterministic", false);
    }
}
