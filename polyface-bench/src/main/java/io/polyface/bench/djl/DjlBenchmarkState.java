package io.polyface.bench.djl;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH settings shared by the DJL benchmarks ({@code DjlForwardBenchmark}, {@code MarginLossBenchmark},
 * {@code TrainStepBenchmark}), written once: one benchmark-wide state per trial, and one forked JVM with DJL kept
 * offline (the engine's CPU natives come from the local Maven repository) and an 8 GiB heap. JMH reads these class
 * annotations from the superclass; each benchmark adds its own mode, time unit and iterations.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx8g"})
public abstract class DjlBenchmarkState {

    /** For subclasses only. */
    protected DjlBenchmarkState() {}
}
