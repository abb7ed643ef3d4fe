package io.polyface.train.finetune;

import ai.djl.nn.Parameter;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointIntegrity;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.ParameterValues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a run from a trained or imported backbone instead of the seeded initialisation: a checkpoint
 * folder of the same spec (loaded by {@link io.polyface.train.checkpoint.ParameterNames stable name}), or an
 * ONNX model loaded by core's {@link OnnxImporter} (a PolyFace export by parameter name, another exporter's
 * model by structure). The classifier head is not loaded (the classes may differ).
 */
public final class InitialBackbone {

    private InitialBackbone() {}

    /**
     * Loads a trained backbone.
     *
     * @param source a checkpoint folder of the same spec, or an {@code .onnx} file
     * @param network the network to fill
     * @param spec this run's spec
     * @param backbone its parameters by name
     * @param fineTuning receives what was loaded (for the checkpoint's provenance)
     * @throws IllegalArgumentException if the checkpoint's spec differs or an array does not fit
     * @throws IOException if the source cannot be read or the checkpoint is damaged (naming the file)
     */
    public static void load(Path source, SpecNetwork network, ArchSpec spec, Map<String, Parameter> backbone,
                            Map<String, Object> fineTuning) throws IOException {
        if (Files.isRegularFile(source)) {
            OnnxImporter.Result r = OnnxImporter.load(source, network);
            fineTuning.put("initial_model", source.toString());
            fineTuning.put("initial_model_import", r.mode().toString());
            fineTuning.put("initial_model_notes", r.notes());
            return;
        }
        Checkpoint c = CheckpointStore.read(source);
        CheckpointIntegrity.check(source).requireIntact();
        if (!ArchSpecJson.toJson(c.metadata().spec()).equals(ArchSpecJson.toJson(spec))) {
            throw new IllegalArgumentException("initial model " + source + " is a " + c.metadata().spec().name()
                    + " whose spec differs from this run's " + spec.name());
        }
        ParameterValues.load(c.model(), backbone, source.resolve(Checkpoint.MODEL));
        fineTuning.put("initial_model", source.toString());
        fineTuning.put("initial_model_step", c.metadata().step());
    }
}
