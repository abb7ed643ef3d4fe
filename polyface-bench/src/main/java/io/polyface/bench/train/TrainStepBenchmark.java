package io.polyface.bench.train;

import io.polyface.bench.arch.BenchArchitectures;
import io.polyface.bench.djl.DjlBenchmarkState;
import io.polyface.core.arch.ArchSpec;
import io.polyface.devtree.SharedResources;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.ImageFolderDataset;
import io.polyface.train.loop.StepResult;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainingConfig;
import io.polyface.train.recipe.RecipeJson;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Training-step throughput of the harness ({@link Trainer#step()}): load and augment a batch of real faces
 * (../shared/data/orl, 92×112 grey stretched to the preset's input by the recorded bilinear rule, horizontal flip),
 * forward in training mode, margin head + loss, backward, global gradient norm, SGD with momentum and weight decay.
 * Engine: DJL's PyTorch engine on CPU with its default intra-op thread count (the machine's cores). Primary score:
 * steps per second; the auxiliary counter {@code images} is <b>images per second</b> — the figure to compare with a
 * PyTorch training loop on the same machine (issue 9, items 10–11).
 *
 * <p>Run: {@code bin/polyface-bench TrainStepBenchmark -p arch=mobilefacenet-y1 -p batch=32}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class TrainStepBenchmark extends DjlBenchmarkState {

    /** Network: a preset name or {@link BenchArchitectures#POLYFACE_SMALL}. */
    @Param({"mobilefacenet-tiny", "mobilefacenet-y1"})
    public String arch;

    /** Batch size. */
    @Param({"32"})
    public int batch;

    /** Margin loss (MarginLosses name). */
    @Param({"arcnegface"})
    public String loss;

    /** Decoding/augmentation worker threads of the batch loader. */
    @Param({"1"})
    public int workers;

    private FaceDataset data;
    private Trainer trainer;

    /** Images processed, reported by JMH as images per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Images {
        /** Images in the steps of this iteration. */
        public long images;

        /** Resets the counter per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            images = 0;
        }
    }

    /**
     * Opens ORL and builds the trainer (enough steps that the benchmark never completes the run).
     *
     * @throws IOException if ORL cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = ImageFolderDataset.open(SharedResources.resolve("data/orl"));
        TrainingConfig config = config(BenchArchitectures.get(arch), loss, batch, workers).optAugmentation(AugmentationPipeline.parse("flip")).build();
        trainer = Trainer.builder().setConfig(config).setTrainingSet(data).build();
    }

    /**
     * The benchmark's training settings (also used by the peer runner, {@code io.polyface.bench.peer}): the shipped
     * default recipe for the preset, learning rate 0.01, seed 1, no evaluation, enough steps that a benchmark never
     * completes the run; augmentation as the shipped recipe has it (the benchmark sets {@code flip}).
     *
     * @param spec the network
     * @param loss margin loss (MarginLosses name)
     * @param batch batch size
     * @param workers loader threads
     * @return a builder holding these settings
     * @throws IllegalArgumentException if the loss is unknown
     */
    public static TrainingConfig.Builder config(ArchSpec spec, String loss, int batch, int workers) {
        return RecipeJson.shipped(RecipeJson.DEFAULT).toConfig(spec, 10_000_000L).toBuilder().optLoss(loss)
                .optLossOptions(Map.of()).optBatchSize(batch).optLearningRate(0.01).optSeed(1).optWorkers(workers).optEvalEvery(0);
    }

    /**
     * One training step.
     *
     * @param counter images counter
     * @return the step's loss, so the JIT cannot drop the work
     * @throws IOException if a batch cannot be loaded
     */
    @Benchmark
    public double step(Images counter) throws IOException {
        StepResult r = trainer.step();
        counter.images += r.images();
        return r.loss();
    }

    /**
     * Releases native memory and the data set.
     *
     * @throws IOException if the data set cannot be closed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        trainer.close();
        data.close();
    }
}
