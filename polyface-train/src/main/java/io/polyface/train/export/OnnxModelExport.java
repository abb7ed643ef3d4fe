package io.polyface.train.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.onnx.ModelMetadata;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.StringStringEntryProto;
import io.polyface.core.util.OrderedMaps;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointMetadata;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.ProvenanceSource;
import io.polyface.train.data.ModelInput;
import io.polyface.train.checkpoint.ParameterNames;
import io.polyface.train.checkpoint.ParameterValues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exports a trained network to ONNX with core's {@link OnnxExporter} (inference graph, the spec's
 * preprocessing and FLOPs in {@code metadata_props}) and adds what training knows, as JSON values:
 * <ul>
 *   <li>{@value #RESIZE}: the {@link io.polyface.train.data.ResizeRule} training used for images not at
 *       the input size, so that inference prepares them the same way;</li>
 *   <li>{@value #TRAINING}: a summary of the weights' training (step, loss and options, seed, classes, data
 *       description, checkpoint);</li>
 *   <li>{@value #PROVENANCE}: the typed run provenance when the run has one (recipe, seed, data identity, code
 *       version, start and end, steps; {@code io.polyface.train.provenance.RunProvenanceJson}).</li>
 * </ul>
 * The model's own metadata (preprocessing, architecture, FLOPs, embedding size) is core's {@link ModelMetadata}, under
 * the keys every PolyFace export has carried, so older models read the same.
 * The file is written atomically. {@link #exportCheckpoint} does the same for a checkpoint folder, so that a model
 * exported later from the final checkpoint equals the {@code model.onnx} the run wrote.
 */
public final class OnnxModelExport {

    /** Metadata key of the resize rule. */
    public static final String RESIZE = "polyface.resize";
    /** Metadata key of the training provenance. */
    public static final String TRAINING = "polyface.training";
    /** Metadata key of the typed run provenance. */
    public static final String PROVENANCE = "polyface.provenance";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OnnxModelExport() {}

    /**
     * Writes the model.
     *
     * @param network the trained network (its inference graph is exported)
     * @param resize the resize rule's metadata
     * @param training the training summary ({@link #training})
     * @param out the {@code .onnx} file
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the network cannot be exported (see {@link OnnxExporter#toModel})
     */
    public static void export(SpecNetwork network, Map<String, Object> resize, Map<String, Object> training, Path out)
            throws IOException {
        export(network, resize, training, null, out);
    }

    /**
     * Writes the model with the run's typed provenance.
     *
     * @param network the trained network (its inference graph is exported)
     * @param resize the resize rule's metadata
     * @param training the training summary ({@link #training})
     * @param provenance the run provenance's JSON ({@link ProvenanceSource#at}), or null for none
     * @param out the {@code .onnx} file
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the network cannot be exported (see {@link OnnxExporter#toModel})
     */
    public static void export(SpecNetwork network, Map<String, Object> resize, Map<String, Object> training, JsonNode provenance,
                              Path out) throws IOException {
        ModelProto.Builder model = OnnxExporter.toModel(network).toBuilder();
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(RESIZE).setValue(json(resize)));
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(TRAINING).setValue(json(training)));
        if (provenance != null) {
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(PROVENANCE).setValue(json(provenance)));
        }
        byte[] bytes = model.build().toByteArray();
        AtomicFileWriter.write(out, o -> o.write(bytes));
    }

    /**
     * The training provenance stored under {@value #TRAINING}.
     *
     * @param step the steps the weights were trained for
     * @param loss the margin loss's name
     * @param lossOptions its options
     * @param seed the run's seed
     * @param classes the number of training identities
     * @param data the training data's description
     * @param checkpoint the checkpoint the weights are in, or {@code null} when none was written
     * @param bnRecalibrationBatches the batches used to recompute batch-norm statistics
     * @return the provenance, in a fixed key order
     */
    public static Map<String, Object> training(long step, String loss, Map<String, String> lossOptions, long seed, int classes,
                                               Object data, Path checkpoint, Object bnRecalibrationBatches) {
        return OrderedMaps.of("step", step, "loss", loss, "loss_options", lossOptions, "seed", seed, "classes", classes,
                "data", data, "checkpoint", checkpoint == null ? null : checkpoint.toString(),
                "bn_recalibration_batches", bnRecalibrationBatches);
    }

    /**
     * Exports the backbone of a checkpoint folder ({@link CheckpointStore}): the spec's network is rebuilt, its
     * parameters (batch-norm running statistics included) are read from {@value Checkpoint#MODEL}, and the model is
     * written as {@link #export} does, with the resize rule of the spec's input and the checkpoint's provenance (its
     * typed run provenance too, when it has one).
     *
     * @param checkpointDir a {@code checkpoint-NNNNNNNN} folder
     * @param out the {@code .onnx} file (written atomically)
     * @return the metadata written (input, preprocessing, embedding size, FLOPs and their convention)
     * @throws java.nio.file.NoSuchFileException if the folder or its metadata or parameters are missing
     * @throws IOException if the checkpoint cannot be read or the file cannot be written
     * @throws IllegalArgumentException if the parameters do not fit the spec (naming the file and the array)
     */
    public static ModelMetadata exportCheckpoint(Path checkpointDir, Path out) throws IOException {
        Checkpoint c = CheckpointStore.read(checkpointDir);
        CheckpointMetadata m = c.metadata();
        ArchSpec spec = m.spec();
        Path model = checkpointDir.resolve(Checkpoint.MODEL);
        if (!Files.isRegularFile(model)) {
            throw new java.nio.file.NoSuchFileException(model.toString(), null, "checkpoint without its parameters");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SpecNetwork network = SpecNetwork.builder().setSpec(spec).build().initialize(manager);
            ParameterValues.load(c.model(), ParameterNames.of(network), model);
            export(network, ModelInput.of(spec).resize().toMetadata(), training(m.step(), m.loss(), m.lossOptions(), m.seed(),
                    m.labels().size(), m.run().get("data"), checkpointDir, m.run().get("bn_recalibration_batches")),
                    m.provenance().containsKey(ProvenanceSource.KEY) ? MAPPER.<JsonNode>valueToTree(m.provenance().get(ProvenanceSource.KEY)) : null, out);
        }
        return ModelMetadata.of(spec.forInference());
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
