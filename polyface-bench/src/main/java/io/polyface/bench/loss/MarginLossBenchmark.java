package io.polyface.bench.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.polyface.bench.djl.DjlBenchmarkState;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.losses.margin.MarginLosses;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Forward + backward of the margin head and a margin loss at large class counts (C = 10⁴, 10⁵), batch B, embedding
 * d: the B×C cosine/logit matrices dominate. Score: milliseconds per step (no optimizer update).
 * Run: {@code BenchMain MarginLossBenchmark -p classes=10000,100000}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class MarginLossBenchmark extends DjlBenchmarkState {

    /** Number of classes C. */
    @Param({"10000", "100000"})
    public int classes;

    /** Loss name (MarginLosses). */
    @Param({"arcnegface", "arcface"})
    public String loss;

    /** Batch size B. */
    @Param({"128"})
    public int batch;

    /** Embedding size d. */
    @Param({"256"})
    public int dim;

    private NDManager manager;
    private MarginHead head;
    private MarginLoss marginLoss;
    private NDArray embeddings;
    private NDArray labels;
    private ParameterStore store;

    /** Builds the head, the loss and a random batch. */
    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(3);
        manager = NDManager.newBaseManager();
        head = MarginHead.builder().setNumClasses(classes).setEmbeddingSize(dim).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(batch, dim));
        marginLoss = MarginLosses.create(loss, Map.of());
        embeddings = manager.randomNormal(new Shape(batch, dim));
        embeddings.setRequiresGradient(true);
        labels = manager.randomInteger(0, classes, new Shape(batch), DataType.INT64).toType(DataType.FLOAT32, false);
        store = new ParameterStore(manager, false);
    }

    /**
     * One forward and backward pass.
     *
     * @return the loss value
     */
    @Benchmark
    public float forwardBackward() {
        try (NDManager step = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList cos = head.forward(store, new NDList(embeddings), true);
            NDArray l = marginLoss.evaluate(new NDList(labels), cos);
            gc.backward(l);
            cos.attach(step);
            l.attach(step);
            return l.getFloat();
        }
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
