package io.polyface.bench.peer;

import io.polyface.bench.rounds.PairedRatio;

/** One side of a comparison: times a number of iterations of its work after some untimed warm-up iterations. */
@FunctionalInterface
public interface Timing {

    /**
     * @param iterations timed iterations, ≥ 1
     * @param warmup untimed iterations run first, ≥ 0
     * @return wall-clock seconds of the timed iterations
     * @throws Exception if the work fails
     */
    double seconds(int iterations, int warmup) throws Exception;

    /**
     * @param work one iteration of work done in this process (its result is dropped)
     * @return its timing (wall clock, {@link System#nanoTime()})
     */
    static Timing of(PairedRatio.Call work) {
        return (iterations, warmup) -> {
            for (int i = 0; i < warmup; i++) {
                work.run();
            }
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                work.run();
            }
            return (System.nanoTime() - start) / 1e9;
        };
    }
}
