package io.polyface.core.onnx;

import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Exports a network built from a spec, with its current DJL parameters, to an ONNX model in inference mode
 * (ONNX IR version {@value #IR_VERSION}, opset {@value #OPSET}; runs on ONNX Runtime 1.22).
 *
 * <p>The graph is that of {@link io.polyface.core.arch.ArchSpec#forInference()}: input {@value #INPUT}
 * {@code [N, C, H, W]} float32 with the spec's input convention, output {@value #OUTPUT} {@code [N, d]}, the
 * matching embedding; the batch dimension is dynamic (named {@value #BATCH}). Inference semantics: batch
 * normalisation with the running statistics and the spec's ε, stochastic depth as its expected value (the
 * residual is scaled by s·p), dropout removed, PReLU slopes shaped {@code [C, 1, 1]} to broadcast over maps, and
 * the model's own crop, bilinear resize (half-pixel centres, no antialiasing) and pixel scaling as ONNX
 * operators. The layer-by-layer mapping is documented on the package-private walker {@code GraphExport}.
 *
 * <p>The model records its preprocessing, embedding size, spec and FLOPs in {@code metadata_props}
 * ({@link ModelMetadata}); the producer is {@value #PRODUCER}. Parameters are stored as initializers named
 * {@code <layer>.<parameter>} ({@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code runningMean},
 * {@code runningVar}, {@code alpha}), which is how {@link OnnxImporter} maps them back. Exporting the same
 * network twice gives identical bytes.
 *
 * <pre>{@code
 * SpecNetwork net = SpecNetwork.builder().setSpec(Presets.get("iresnet18")).optInference(true).build().initialize(manager);
 * OnnxExporter.export(net, Path.of("iresnet18.onnx"));
 * }</pre>
 */
public final class OnnxExporter {

    /** ONNX operator set version of the exported graphs. */
    public static final int OPSET = 17;
    /** ONNX IR version of the exported files (the IR of opset 17, ONNX 1.12). */
    public static final int IR_VERSION = 8;
    /** Name of the graph input. */
    public static final String INPUT = "input";
    /** Name of the graph output (the embedding). */
    public static final String OUTPUT = "output";
    /** Name of the dynamic batch dimension. */
    public static final String BATCH = "N";
    /** {@code producer_name} of the exported files. */
    public static final String PRODUCER = "polyface";

    private OnnxExporter() {}

    /**
     * Builds the ONNX model of a network.
     *
     * @param net an initialised network (full or inference; only its inference graph is exported)
     * @return the model
     * @throws IllegalArgumentException if the spec's input is not an image {@code [C, H, W]} or a layer name clashes
     *     with a generated tensor name
     * @throws IllegalStateException if the network's parameters are not initialised
     */
    public static ModelProto toModel(SpecNetwork net) {
        return GraphExport.of(net, true).model();
    }

    /**
     * @param net an initialised network
     * @return the serialised ONNX model
     * @throws IllegalArgumentException as {@link #toModel}
     * @throws IllegalStateException as {@link #toModel}
     */
    public static byte[] toBytes(SpecNetwork net) {
        return toModel(net).toByteArray();
    }

    /**
     * Writes a network's ONNX model atomically (a temporary file in the target's folder, then a rename).
     *
     * @param net an initialised network
     * @param out the target file (conventionally {@code *.onnx}); its folder is created if needed
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     * @throws IllegalStateException as {@link #toModel}
     */
    public static void export(SpecNetwork net, Path out) throws IOException {
        byte[] bytes = toBytes(net);
        AtomicFileWriter.write(out, o -> o.write(bytes));
    }
}
