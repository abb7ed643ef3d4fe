package io.polyface.bench.backbone;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.polyface.bench.djl.DjlBenchmarkState;
import io.polyface.core.arch.ArchSpec;
import io.polyface.bench.arch.BenchArchitectures;
import io.polyface.core.nn.MemoryFormats;
import io.polyface.core.nn.SpecNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Backbone inference latency on DJL's PyTorch engine (CPU, the engine's default thread count): one forward
 * pass of the inference network (embedding output) per batch, batch norm folded and channels-last input as
 * {@code FaceEmbeddingModels.fromSpecNetwork} runs it. Score: milliseconds per batch.
 * Run: {@code BenchMain DjlForwardBenchmark -p arch=mobilefacenet-y1 -p batch=1,32}; add {@code -p folded=false,true}
 * to time the unfolded NCHW graph in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DjlForwardBenchmark extends DjlBenchmarkState {

    /** Network: a preset name or {@link BenchArchitectures#POLYFACE_SMALL}. */
    @Param({"mobilefacenet-tiny", "mobilefacenet-y1", "iresnet18"})
    public String arch;

    /** Batch size. */
    @Param({"1", "32"})
    public int batch;

    /**
     * The inference network as {@code FaceEmbeddingModels.fromSpecNetwork} runs it: batch norm folded
     * ({@code SpecNetwork.foldedForInference}), channels-last input (default); {@code false}: the unfolded inference
     * graph on NCHW input (before issue 19).
     */
    @Param("true")
    public boolean folded;

    private NDManager manager;
    private SpecNetwork net;
    private NDArray input;
    private ParameterStore store;

    /** Builds the network and a random input batch. */
    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(1);
        manager = NDManager.newBaseManager();
        ArchSpec spec = BenchArchitectures.get(arch);
        SpecNetwork unfolded = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(manager);
        net = folded ? unfolded.foldedForInference(manager) : unfolded;
        input = manager.randomUniform(-1, 1, new Shape(spec.input().withBatch(batch)));
        if (folded) {
            input = MemoryFormats.channelsLast(input);
        }
        store = new ParameterStore(manager, false);
    }

    /**
     * One forward pass; intermediates are released with the per-call sub-manager.
     *
     * @return a checksum so the JIT cannot drop the work
     */
    @Benchmark
    public float forward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(step);
            NDArray y = net.block().forward(store, new NDList(x), false).singletonOrThrow();
            return y.getFloat(0, 0);
        }
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
