package io.polyface.cli.common;

import io.polyface.core.nn.TorchThreads;
import picocli.CommandLine.Option;

/**
 * The {@code --threads N} option of the sub-commands that run PyTorch networks ({@code polyface train}, {@code search},
 * {@code demo}): PyTorch intra-op threads, default PyTorch's (one per available processor); a picocli {@code @Mixin}. On a machine
 * shared with other CPU-bound work, fewer threads than cores (e.g. {@code --threads 1} for each of two runs on two cores)
 * keep each run's steps from waiting on a descheduled thread; see README, Performance.
 */
public final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: PyTorch's, one per processor); "
                    + "fewer on a machine shared with other CPU-bound work.")
    Integer threads;

    /**
     * Sets the PyTorch thread counts when {@code --threads} was given; otherwise leaves the engine's as they are
     * (PyTorch's default, or what the embedding program set).
     *
     * @return the intra-op thread count given, or 0 when {@code --threads} was not given
     * @throws IllegalArgumentException if {@code --threads} is below 1
     */
    public int apply() {
        if (threads == null) {
            return 0;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        return TorchThreads.apply(threads);
    }
}
