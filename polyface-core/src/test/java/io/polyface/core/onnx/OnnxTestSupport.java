package io.polyface.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.ort.OrtSessions;
import org.junit.jupiter.api.Named;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Shared pieces of the ONNX tests: networks with non-trivial parameters, DJL and ONNX Runtime forward passes. */
public final class OnnxTestSupport {

    private OnnxTestSupport() {}

    /**
     * The issue-10 networks the ONNX round-trip tests run on: MobileFaceNet-tiny, IResNet-18, a small Efficient
     * PolyFace (depth 1/1/1, R75, w0.25), optionally the QAN++ quality net, and the small Efficient PolyFace with poly-2
     * blocks (shared convolutions).
     *
     * @param qualityNet whether to include the {@code qan-quality} preset
     * @return the named specs
     */
    static Stream<Named<ArchSpec>> issueNetworks(boolean qualityNet) {
        ArchOverrides small = ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75).withWidth(0.25);
        List<Named<ArchSpec>> specs = new ArrayList<>(List.of(
                Named.of("mobilefacenet-tiny", Presets.get("mobilefacenet-tiny")),
                Named.of("iresnet18", Presets.get("iresnet18")),
                Named.of("efficient-polyface 1/1/1 R75 w0.25", Presets.get("efficient-polyface", small))));
        if (qualityNet) {
            specs.add(Named.of("qan-quality", Presets.get("qan-quality")));
        }
        specs.add(Named.of("efficient-polyface 1/1/1 R75 w0.25 poly-2", Presets.get("efficient-polyface", small.withBlockType("poly-2"))));
        return specs.stream();
    }

    /**
     * An initialised inference network whose BN running statistics, BN γ/β, PReLU slopes and biases are random
     * and non-trivial (the defaults 0/1/0.25/0 would hide a swapped or ignored tensor).
     */
    static SpecNetwork randomized(ArchSpec spec, NDManager m, long seed) {
        SpecNetwork net = SpecNetwork.builder().setSpec(spec).optInference(true).build().initialize(m);
        randomize(net, seed);
        return net;
    }

    /** Gives every BN statistic, BN γ/β, PReLU slope and bias of the network random values; weights are kept. */
    public static void randomize(SpecNetwork net, long seed) {
        io.polyface.core.nn.EngineCheck.randomize(net, seed);
    }

    /** A batch of inputs in the spec's convention: pixels U(0, 255), then (pixel − mean) / std. */
    static float[] images(ArchSpec spec, int batch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[Math.toIntExact(batch * spec.input().numel())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((rnd.nextInt(256) - spec.mean()) / spec.std());
        }
        return x;
    }

    static long[] shape(ArchSpec spec, int batch) {
        return spec.input().withBatch(batch);
    }

    /** DJL inference forward pass. */
    static float[] djl(SpecNetwork net, float[] x, int batch) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in = m.create(x, new Shape(shape(net.spec(), batch)));
            NDArray y = net.block().forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
            return y.toFloatArray();
        }
    }

    /** ONNX Runtime session on a model (2 intra-op threads, default optimisations). */
    static OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            return OrtSessions.environment().createSession(model, o);
        }
    }

    /** ONNX Runtime forward pass of input "input"; returns "output" flattened. */
    static float[] ort(OrtSession s, float[] x, long[] shape) throws OrtException {
        OrtEnvironment env = OrtSessions.environment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, t))) {
            OnnxTensor y = (OnnxTensor) r.get(OnnxExporter.OUTPUT).orElseThrow();
            FloatBuffer b = y.getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
    }

    static io.polyface.core.onnx.proto.Onnx.ModelProto parse(byte[] model) {
        try {
            return io.polyface.core.onnx.proto.Onnx.ModelProto.parseFrom(model);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
