package io.polyface.train.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.StringStringEntryProto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exports a trained network to ONNX with core's {@link OnnxExporter} (inference graph, the spec's
 * preprocessing and FLOPs in {@code metadata_props}) and adds what training knows, as JSON values:
 * <ul>
 *   <li>{@value #RESIZE}: the {@link io.polyface.train.data.ResizeRule} training used for images not at
 *       the input size, so that inference prepares them the same way;</li>
 *   <li>{@value #TRAINING}: the provenance of the weights (step, loss and options, seed, classes, data,
 *       checkpoint).</li>
 * </ul>
 * The file is written atomically.
 */
public final class OnnxModelExport {

    /** Metadata key of the resize rule. */
    public static final String RESIZE = "polyface.resize";
    /** Metadata key of the training provenance. */
    public static final String TRAINING = "polyface.training";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OnnxModelExport() {}

    /**
     * Writes the model.
     *
     * @param network the trained network (its inference graph is exported)
     * @param resize the resize rule's metadata
     * @param training the training provenance
     * @param out the {@code .onnx} file
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the network cannot be exported (see {@link OnnxExporter#toModel})
     */
    public static void export(SpecNetwork network, Map<String, Object> resize, Map<String, Object> training, Path out)
            throws IOException {
        ModelProto.Builder model = OnnxExporter.toModel(network).toBuilder();
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(RESIZE).setValue(json(resize)));
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(TRAINING).setValue(json(training)));
        byte[] bytes = model.build().toByteArray();
        AtomicFileWriter.write(out, o -> o.write(bytes));
    }

    private static String json(Map<String, Object> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
