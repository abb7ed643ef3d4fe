package io.polyface.bench.rounds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The ratio of two calls' times (A / B) measured block by block, A and B alternating (A B, B A, A B, …), each pair of
 * blocks giving one ratio and the measurement their median. Two blocks run back to back see the same state of the
 * machine, so a phase that slows both for seconds (ONNX Runtime's 2-thread sessions at batch 1 run for seconds at
 * ~3.5 ms per call and then at ~6.5 ms on the 2-core AMD EPYC machine, issue 19 item 6) cancels in the ratio, where
 * two JMH runs one after the other can each catch a different phase.
 *
 * <p>A block is as many calls as take about {@link #BLOCK} (at least one), sized from the warm-up's last calls: long
 * enough that switching between the two (other thread pools, caches) costs little — blocks of 25 ms made a batch-1
 * ONNX Runtime call of mobilefacenet-tiny 2.2–2.9 ms instead of 1.7 ms — and short against the phases.
 */
public final class PairedRatio {

    /** The target duration of one block of calls. */
    public static final Duration BLOCK = Duration.ofMillis(200);

    private final LongSupplier clock;

    /** One call of the work timed (e.g. one forward pass of a batch); the peer runner's {@code Timing} times it too. */
    @FunctionalInterface
    public interface Call {
        /**
         * Does it.
         *
         * @return its result (kept, so that the work cannot be dropped as unused)
         * @throws Exception if it fails
         */
        Object run() throws Exception;
    }

    /** The last result of a block (read by nobody: it only keeps the calls' results used). */
    private Object sink;

    /** A harness on {@link System#nanoTime()}. */
    public PairedRatio() {
        this(System::nanoTime);
    }

    /** @param clock nanoseconds, monotonic (tests pass their own) */
    PairedRatio(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Warms both calls up (alternating, one call each at a time, for {@code warmup}), then alternates blocks of them
     * for {@code measure}, at least two pairs of blocks.
     *
     * @param a the numerator's call
     * @param b the denominator's call
     * @param warmup untimed time, ≥ 0; at least one call of each is made
     * @param measure timed time, > 0
     * @return the median over the pairs of blocks of (A's time per call / B's time per call)
     * @throws IllegalArgumentException if a duration is negative or {@code measure} is zero
     * @throws Exception if a call fails
     */
    public double measure(Call a, Call b, Duration warmup, Duration measure) throws Exception {
        if (warmup.isNegative() || measure.isNegative() || measure.isZero()) {
            throw new IllegalArgumentException("warm-up " + warmup + " and measurement " + measure
                    + ": expected warm-up >= 0 and measurement > 0");
        }
        long perA;
        long perB;
        long end = clock.getAsLong() + warmup.toNanos();
        do {
            perA = time(a, 1);
            perB = time(b, 1);
        } while (clock.getAsLong() < end);
        int blockA = blockCalls(perA);
        int blockB = blockCalls(perB);
        List<Double> ratios = new ArrayList<>();
        end = clock.getAsLong() + measure.toNanos();
        for (int pair = 0; pair < 2 || clock.getAsLong() < end; pair++) {
            long ta;
            long tb;
            if (pair % 2 == 0) {
                ta = time(a, blockA);
                tb = time(b, blockB);
            } else {
                tb = time(b, blockB);
                ta = time(a, blockA);
            }
            ratios.add(((double) ta / blockA) / ((double) Math.max(1, tb) / blockB));
        }
        return Spread.of(ratios).median();
    }

    private long time(Call call, int calls) throws Exception {
        long start = clock.getAsLong();
        Object last = null;
        for (int i = 0; i < calls; i++) {
            last = call.run();
        }
        long end = clock.getAsLong();
        sink = last;
        return end - start;
    }

    private static int blockCalls(long nanosPerCall) {
        return (int) Math.max(1, Math.min(1_000_000, BLOCK.toNanos() / Math.max(1, nanosPerCall)));
    }
}
