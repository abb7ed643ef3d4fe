package io.polyface.cli;

import io.polyface.train.checkpoint.CheckpointStore;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The run options of the sub-commands that train a network into a checkpointed output folder ({@code polyface train},
 * {@code polyface distill}; a picocli {@code @Mixin}, so names, labels and help texts are defined once):
 * {@code --workers}, {@code --checkpoint-every}, {@code --resume} and {@code --no-progress}. None restates a default
 * in its annotation, so a command's default-value provider (train: the recipe, {@link TrainDefaults}) still applies.
 */
final class TrainingRunOptions {

    @Option(names = "--workers", paramLabel = "N", description = "Decode/augment threads (default: processors - 1).")
    Integer workers;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N steps (0 = at the end only).")
    long checkpointEvery;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in --out (same settings required).")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    /** @return the decode/augment threads: {@code --workers}, else the processors less one (at least 1) */
    int workerThreads() {
        return workers == null ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : workers;
    }

    /**
     * @param out the output folder ({@code --out})
     * @throws IllegalArgumentException when {@code out} already holds checkpoints and {@code --resume} was not given
     * @throws IOException when the folder cannot be listed
     */
    void checkOutput(Path out) throws IOException {
        if (!resume && !CheckpointStore.list(out).isEmpty()) {
            throw new IllegalArgumentException(out + " already holds checkpoints; pass --resume to continue that run, or choose another --out");
        }
    }

    /**
     * @param err the command's error writer
     * @return a UTF-8 stream for the progress bar that writes to {@code err}, or null with {@code --no-progress}
     */
    PrintStream progress(PrintWriter err) {
        return noProgress ? null : WriterStream.printStream(err);
    }
}
