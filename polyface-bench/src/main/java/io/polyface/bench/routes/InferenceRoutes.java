package io.polyface.bench.routes;

import io.polyface.bench.backbone.DjlForwardBenchmark;
import io.polyface.bench.embed.OrtEmbedderBenchmark;

/**
 * Our inference routes set up outside JMH (the peer runner, the short suite's paired batch-1 ratios), as
 * {@link DjlForwardBenchmark} and {@link OrtEmbedderBenchmark} run them.
 */
public final class InferenceRoutes {

    private InferenceRoutes() {}

    /**
     * @param arch the network's name
     * @param batch batch size
     * @return DJL's forward pass (batch norm folded, channels-last input), set up (call {@code tearDown()})
     */
    public static DjlForwardBenchmark djl(String arch, int batch) {
        DjlForwardBenchmark b = new DjlForwardBenchmark();
        b.arch = arch;
        b.batch = batch;
        b.folded = true;
        b.setUp();
        return b;
    }

    /**
     * @param arch the network's name
     * @param batch batch size
     * @param threads ONNX Runtime intra-op threads
     * @return the exported network in a bare ONNX Runtime session, set up (call {@code tearDown()})
     * @throws Exception if export or session creation fails
     */
    public static OrtEmbedderBenchmark onnxRuntime(String arch, int batch, int threads) throws Exception {
        OrtEmbedderBenchmark b = new OrtEmbedderBenchmark();
        b.model = arch;
        b.batch = batch;
        b.threads = threads;
        b.setUp();
        return b;
    }
}
