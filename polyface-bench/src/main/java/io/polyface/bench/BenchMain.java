package io.polyface.bench;

/**
 * Runs the PolyFace JMH benchmarks: delegates to {@link org.openjdk.jmh.Main}, so every JMH option
 * applies, e.g. {@code BenchMain AllPairsEvalBenchmark -p n=20000 -f 1 -wi 1 -i 3}.
 */
public final class BenchMain {

    private BenchMain() {}

    /**
     * Entry point.
     *
     * @param args JMH command-line arguments
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
