package io.polyface.bench.peer;

import io.polyface.bench.backbone.DjlForwardBenchmark;
import io.polyface.bench.embed.OrtEmbedderBenchmark;

/** Our inference routes, as {@link DjlForwardBenchmark} and {@link OrtEmbedderBenchmark#bareSession()} run them. */
final class OursInference {

    private OursInference() {}

    /**
     * @param arch the network's name
     * @param batch batch size
     * @return DJL's forward pass (batch norm folded, channels-last input), set up (call {@code tearDown()})
     */
    static DjlForwardBenchmark djl(String arch, int batch) {
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
    static OrtEmbedderBenchmark onnxRuntime(String arch, int batch, int threads) throws Exception {
        OrtEmbedderBenchmark b = new OrtEmbedderBenchmark();
        b.model = arch;
        b.batch = batch;
        b.threads = threads;
        b.setUp();
        return b;
    }
}
