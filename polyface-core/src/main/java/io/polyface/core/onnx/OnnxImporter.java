package io.polyface.core.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.StringStringEntryProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the weights of an ONNX model into a network built from a spec, so that a pretrained model can be
 * evaluated or fine-tuned in Java. The parameters are overwritten in place (their gradient attachment is kept);
 * the layers filled are those of the network's inference graph ({@link io.polyface.core.arch.ArchSpec#forInference()}),
 * which is what an ONNX embedding model contains.
 *
 * <p>Two ways of matching, chosen by the file:
 * <ul>
 *   <li>{@link Mode#BY_NAME}: a PolyFace export (producer {@value OnnxExporter#PRODUCER} with
 *       {@value ModelMetadata#ARCH} metadata). Every initializer {@code <layer>.<parameter>} goes to that parameter;
 *       the file's nodes, constants, input and output must equal those the network's spec exports to. Export →
 *       import → export therefore reproduces the file byte for byte.</li>
 *   <li>{@link Mode#BY_STRUCTURE}: any other file, e.g. an InsightFace iResNet or MobileFaceNet exported from
 *       PyTorch. Parameter nodes are paired with the spec's parameter layers in execution order, with the exact
 *       rewrites listed on the package-private {@code StructureMatcher} (BN folded into the preceding convolution by
 *       PyTorch's exporter, ε differences, Gemm/MatMul/1×1-conv forms of a linear layer), each reported in
 *       {@link Result#notes()}.</li>
 * </ul>
 * Nothing is written unless everything matches. Mismatches throw an {@link IllegalArgumentException} naming each
 * layer, the file's tensor and both shapes (by structure: every shape mismatch until the pairing of kinds breaks).
 *
 * <pre>{@code
 * SpecNetwork net = SpecNetwork.builder().setSpec(Presets.get("mobilefacenet-y1", ArchOverrides.NONE.withEmbedding(512)))
 *         .build().initialize(manager);
 * OnnxImporter.Result r = OnnxImporter.load(Path.of("mobilefacenet.onnx"), net);
 * }</pre>
 */
public final class OnnxImporter {

    /** How the file's tensors were matched to the network's parameters. */
    public enum Mode {
        /** By initializer name, from a PolyFace export. */
        BY_NAME,
        /** By the order and kind of parameter nodes, from a foreign file. */
        BY_STRUCTURE
    }

    /**
     * What an import did.
     *
     * @param mode how tensors were matched
     * @param layers number of spec layers whose parameters were written
     * @param tensors number of DJL parameters written
     * @param notes one line per exact rewrite applied or constant skipped (empty for PolyFace exports)
     */
    public record Result(Mode mode, int layers, int tensors, List<String> notes) {
        /** Copies the notes. */
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private OnnxImporter() {}

    /**
     * Reads an ONNX file and loads its weights into a network.
     *
     * @param onnx the ONNX file (self-contained, no external data)
     * @param net an initialised network whose inference graph the file computes
     * @return what was done
     * @throws IOException if the file cannot be read or is not an ONNX model (message names the file)
     * @throws IllegalArgumentException prefixed with the file name, if the weights do not fit (see {@link #load(ModelProto, SpecNetwork)})
     */
    public static Result load(Path onnx, SpecNetwork net) throws IOException {
        ModelProto model = read(onnx);
        try {
            return load(model, net);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(onnx + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model's weights into a network.
     *
     * @param model an ONNX model
     * @param net an initialised network whose inference graph the model computes
     * @return what was done
     * @throws IllegalArgumentException naming every layer whose tensor is missing, extra or of another shape (with
     *     both shapes), or where the graph differs from the spec's; nothing is written then
     * @throws IllegalStateException if the network is not initialised
     */
    public static Result load(ModelProto model, SpecNetwork net) {
        GraphExport expected = GraphExport.of(net, false);
        List<String> notes = new ArrayList<>();
        Mode mode = isPolyfaceExport(model) ? Mode.BY_NAME : Mode.BY_STRUCTURE;
        List<Assignment> assignments = mode == Mode.BY_NAME
                ? NameMatcher.match(model.getGraph(), expected)
                : StructureMatcher.match(model.getGraph(), expected, notes);
        for (Assignment a : assignments) {
            a.apply();
        }
        return new Result(mode, expected.bindings().size(), assignments.size(), notes);
    }

    /**
     * Parses an ONNX file.
     *
     * @param onnx the file
     * @return the model
     * @throws IOException naming the file if it cannot be read or does not parse as an ONNX model
     */
    public static ModelProto read(Path onnx) throws IOException {
        if (!Files.isRegularFile(onnx)) {
            throw new NoSuchFileException(onnx.toString(), null, "no such ONNX file");
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(onnx)) {
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(onnx + " is not an ONNX model (protobuf parse error: " + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new IOException(onnx + " is not an ONNX model (it has no graph nodes)");
        }
        return model;
    }

    /**
     * @param model a model
     * @return whether it is a PolyFace export (producer and architecture metadata)
     */
    public static boolean isPolyfaceExport(ModelProto model) {
        return OnnxExporter.PRODUCER.equals(model.getProducerName())
                && model.getMetadataPropsList().stream().map(StringStringEntryProto::getKey).anyMatch(ModelMetadata.ARCH::equals);
    }
}
