package io.polyface.bench.threads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Shows what libtorch's OpenMP wait policy costs (issue 19, item 2): {@code N} element-wise additions of two
 * {@code [2^20]} float arrays (each one parallel region of PyTorch's intra-op threads, then a barrier), with a 0.2 ms
 * pause between them as a training step has between its operators, timed by wall clock and by the process's CPU
 * time. With libgomp's default (waiting threads spin about 300,000 iterations) the CPU time grows with the pauses, and
 * on a loaded machine the spinning threads are descheduled and each region waits for them; with
 * {@code OMP_WAIT_POLICY=PASSIVE} they sleep at once (the launchers {@code bin/polyface} and {@code bin/polyface-bench} set
 * {@code GOMP_SPINCOUNT=1000}: a few microseconds of spinning, then sleep).
 *
 * <p>Run: {@code POLYFACE_BENCH_MAIN=io.polyface.bench.threads.OpenMpWaitProbe bin/polyface-bench 2000}, and the
 * same with {@code GOMP_SPINCOUNT=300000} in front (libgomp's own default); compare runs taken back to back.
 */
public final class OpenMpWaitProbe {

    private OpenMpWaitProbe() {}

    /**
     * @param args {@code [N]}, the number of additions (default 2000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(0, 1, new Shape(1 << 20));
            NDArray b = m.randomUniform(0, 1, new Shape(1 << 20));
            for (int i = 0; i < 200; i++) {
                a.add(b).close();
            }
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                a.add(b).close();
                try {
                    Thread.sleep(0, 200_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "OMP_WAIT_POLICY=%s GOMP_SPINCOUNT=%s, %d processors: %d additions, wall %.2f s, "
                            + "process CPU %.2f s%n", System.getenv("OMP_WAIT_POLICY"), System.getenv("GOMP_SPINCOUNT"),
                    Runtime.getRuntime().availableProcessors(), n, wall, cpu);
        }
    }
}
