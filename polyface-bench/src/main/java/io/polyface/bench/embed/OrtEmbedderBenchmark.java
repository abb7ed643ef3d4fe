package io.polyface.bench.embed;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.polyface.bench.arch.BenchArchitectures;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.ort.OrtSessions;
import io.polyface.devtree.SharedResources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * ONNX Runtime embedding latency at batch 1 and 32 (2 intra-op threads): {@link FaceEmbedder#embed(List)} on aligned
 * 112×112 faces (preprocessing, tensor copy, run, L2-normalisation) beside a bare {@code OrtSession.run} on the same
 * prepared input tensor, in the same run. The embedder's own overhead is {@code embedder / bareSession − 1}.
 * Our presets are exported from randomly initialised networks (latency does not depend on the weights);
 * {@code fr_feature} is {@code ../shared/models/fr_feature.onnx}. Score: milliseconds per batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx8g", "-Djava.awt.headless=true"})
public class OrtEmbedderBenchmark {

    /** Model: a preset or {@link BenchArchitectures#POLYFACE_SMALL} (exported here), or {@code fr_feature}. */
    @Param({"mobilefacenet-tiny", "mobilefacenet-y1", "iresnet18", "fr_feature"})
    public String model;

    /** Batch size. */
    @Param({"1", "32"})
    public int batch;

    /** ONNX Runtime intra-op threads. */
    @Param({"2"})
    public int threads;

    private Path file;
    private Path tempDir;
    private FaceEmbedder embedder;
    private OrtSession session;
    private OnnxTensor prepared;
    private List<RgbImage> faces;

    /**
     * Exports or locates the model, opens both paths and prepares the inputs.
     *
     * @throws Exception if the model cannot be exported or opened
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (model.equals("fr_feature")) {
            file = SharedResources.resolve("models/fr_feature.onnx");
        } else {
            tempDir = Files.createTempDirectory("polyface-bench");
            file = tempDir.resolve(model + ".onnx");
            Engine.getInstance().setRandomSeed(1);
            try (NDManager m = NDManager.newBaseManager()) {
                OnnxExporter.export(SpecNetwork.builder().setSpec(BenchArchitectures.get(model)).optInference(true).build().initialize(m), file);
            }
        }
        FaceEmbedder.Builder b = FaceEmbedder.builder().setModelPath(file).optBatchSize(batch).optIntraOpThreads(threads);
        if (model.equals("fr_feature")) {
            b.optPreprocessing(io.polyface.core.embed.Preprocessing.of(112, io.polyface.core.image.ChannelOrder.RGB, 127f, 128f));
        }
        embedder = b.build();
        Random rnd = new Random(2);
        faces = new ArrayList<>();
        float[] input = new float[batch * 3 * 112 * 112];
        for (int i = 0; i < batch; i++) {
            float[] px = new float[112 * 112 * 3];
            for (int j = 0; j < px.length; j++) {
                px[j] = rnd.nextInt(256);
            }
            faces.add(RgbImage.of(112, 112, px));
        }
        for (int j = 0; j < input.length; j++) {
            input[j] = rnd.nextFloat() * 2 - 1;
        }
        session = OrtSessions.open(file, threads);
        prepared = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(input), new long[] {batch, 3, 112, 112});
    }

    /**
     * The embedder on aligned faces.
     *
     * @return the embeddings
     */
    @Benchmark
    public float[][] embedder() {
        return embedder.embed(faces);
    }

    /**
     * The bare session on the prepared tensor (the reference).
     *
     * @return the first output value
     * @throws OrtException if the run fails
     */
    @Benchmark
    public float bareSession() throws OrtException {
        String input = session.getInputNames().iterator().next();
        try (OrtSession.Result r = session.run(Map.of(input, prepared))) {
            return ((float[][]) r.get(0).getValue())[0][0];
        }
    }

    /**
     * Closes sessions and removes exported files.
     *
     * @throws Exception if closing fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        embedder.close();
        prepared.close();
        session.close();
        if (tempDir != null) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(tempDir);
        }
    }
}
