package io.polyface.train.loop;

import ai.djl.nn.Parameter;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.nn.OwnedArrays;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.losses.head.MarginHead;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointIntegrity;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.eval.DatasetEmbeddings;
import io.polyface.train.eval.NetworkEmbedder;
import io.polyface.train.finetune.AnchorCentres;
import io.polyface.train.optim.Sgd;
import io.polyface.train.optim.TrainableParameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link Trainer}'s state comes from when it is not the seeded initialisation: a checkpoint to
 * resume from (parameters, centres and momentum), an initial backbone (a checkpoint or an ONNX model),
 * or class centres initialised from class-mean embeddings.
 */
final class InitialState {

    private InitialState() {}

    /**
     * Restores parameters, centres and momentum buffers from a checkpoint.
     *
     * @param c the checkpoint (already checked by {@link CheckpointIntegrity})
     * @param backbone the backbone parameters by name
     * @param head the head parameters by name
     * @param trainable the trainable parameters (each needs a momentum buffer after the first step, when
     *     momentum is on)
     * @param sgd the optimiser whose momentum is restored
     * @return the checkpoint's step
     * @throws IllegalArgumentException naming the file if an array is missing, has another shape, or the
     *     momentum of a trainable parameter is missing
     * @throws IOException if an archive cannot be read
     */
    static long restore(Checkpoint c, Map<String, Parameter> backbone, Map<String, Parameter> head, List<TrainableParameter> trainable,
                        Sgd sgd) throws IOException {
        ParameterValues.load(c.model(), backbone, c.directory().resolve(Checkpoint.MODEL));
        ParameterValues.load(c.head(), head, c.directory().resolve(Checkpoint.HEAD));
        Path optimizerFile = c.directory().resolve(Checkpoint.OPTIMIZER);
        Map<String, NamedTensor> momentum = c.optimizer();
        if (sgd.momentum() != 0 && c.metadata().step() > 0) {
            List<String> missing = new ArrayList<>();
            trainable.stream().map(TrainableParameter::name).filter(n -> !momentum.containsKey(n)).forEach(missing::add);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(optimizerFile + ": no momentum for " + missing.size() + " of " + trainable.size()
                        + " trainable parameters (e.g. '" + missing.get(0) + "') at step " + c.metadata().step()
                        + "; every one has a buffer after the first step");
            }
        }
        sgd.clearMomentum();
        Map<String, Parameter> all = new LinkedHashMap<>(backbone);
        all.putAll(head);
        for (NamedTensor t : momentum.values()) {
            Parameter p = all.get(t.name());
            if (p == null) {
                throw new IllegalArgumentException(optimizerFile + ": momentum of unknown parameter '" + t.name() + "'");
            }
            sgd.restoreMomentum(t.name(), t.values(), p.getArray().getShape());
        }
        return c.metadata().step();
    }

    /**
     * Loads a trained backbone.
     *
     * @param source a checkpoint folder of the same spec, or an ONNX model
     * @param network the network to fill
     * @param spec this run's spec
     * @param backbone its parameters by name
     * @param fineTuning receives what was loaded (for the checkpoint's provenance)
     * @throws IllegalArgumentException if the checkpoint's spec differs or an array does not fit
     * @throws IOException if the source cannot be read or the checkpoint is damaged (naming the file)
     */
    static void loadBackbone(Path source, SpecNetwork network, ArchSpec spec, Map<String, Parameter> backbone,
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

    /**
     * Sets each class centre to the mean L2-normalised embedding of its class ({@link AnchorCentres}).
     *
     * @param embedder the current network's embedder
     * @param trainingSet the training images
     * @param head the head whose centres are set
     * @param fineTuning receives a note
     * @throws IOException if an image cannot be read
     */
    static void anchorCentres(NetworkEmbedder embedder, FaceDataset trainingSet, MarginHead head, Map<String, Object> fineTuning)
            throws IOException {
        DatasetEmbeddings e = embedder.embed(trainingSet);
        float[] centres = AnchorCentres.classMeans(e.features(), e.labels(trainingSet), head.getNumClasses());
        OwnedArrays.assign(head.getCentres().getArray(), centres);
        fineTuning.put("anchor_centres", "class means of L2-normalised embeddings (" + trainingSet.size() + " images)");
    }
}
