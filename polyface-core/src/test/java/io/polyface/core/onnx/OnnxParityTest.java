package io.polyface.core.onnx;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtSession;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.eval.Parity;
import io.polyface.core.nn.SpecNetwork;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 3: ONNX Runtime runs the exported graph to the same embeddings as DJL, ≤ 1e-5 relative L2 over the
 * batch, at batch sizes 1, 2, 7 and 32, with random non-trivial BN statistics, PReLU slopes and biases; for the three
 * issue networks plus the QAN++ quality net and Efficient PolyFace with poly-2 blocks (shared convolutions).
 */
class OnnxParityTest {

    static Stream<Named<ArchSpec>> specs() {
        return OnnxTestSupport.issueNetworks(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void onnxRuntimeMatchesDjl(ArchSpec spec) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            SpecNetwork net = OnnxTestSupport.randomized(spec, m, 11);
            byte[] model = OnnxExporter.toBytes(net);
            try (OrtSession s = OnnxTestSupport.session(model)) {
                for (int batch : new int[] {1, 2, 7, 32}) {
                    float[] x = OnnxTestSupport.images(spec, batch, 100 + batch);
                    float[] want = OnnxTestSupport.djl(net, x, batch);
                    float[] got = OnnxTestSupport.ort(s, x, OnnxTestSupport.shape(spec, batch));
                    assertThat(got).hasSize(batch * spec.embeddingSize());
                    double err = Parity.relativeL2(got, want);
                    System.out.printf("%s batch %d: relative L2 %.3g%n", spec.name(), batch, err);
                    assertThat(err).as(spec.name() + " at batch " + batch).isLessThanOrEqualTo(1e-5);
                }
            }
        }
    }
}
