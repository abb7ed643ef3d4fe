package io.polyface.train.loop;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.train.checkpoint.ProvenanceSource;
import io.polyface.train.checkpoint.ResumePoint;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.eval.EvaluationSets;
import io.polyface.train.finetune.AnchorCentres;
import io.polyface.train.finetune.InitialBackbone;
import io.polyface.train.finetune.InputSizeTransfer;
import io.polyface.train.stop.StopRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builder of a {@link Trainer} ({@link Trainer#builder()}); {@code setConfig} and {@code setTrainingSet} are required. */
public final class TrainerBuilder {
    TrainingConfig config;
    FaceDataset trainingSet;
    FaceDataset heldOutSet;
    final List<Path> verificationBins = new ArrayList<>();
    Path outputDir;
    boolean resume;
    Path initialModel;
    ArchSpec initialModelSpec;
    boolean anchorCentres;
    StopRequest stop = new StopRequest();
    ProvenanceSource provenance;
    EmbeddingObjective objective;
    final List<TrainingListener> listeners = new ArrayList<>();

    TrainerBuilder() {}

    /**
     * @param config the run's configuration (required)
     * @return this
     */
    public TrainerBuilder setConfig(TrainingConfig config) {
        this.config = config;
        return this;
    }

    /**
     * @param trainingSet the training images (required; its label map defines the classes)
     * @return this
     */
    public TrainerBuilder setTrainingSet(FaceDataset trainingSet) {
        this.trainingSet = trainingSet;
        return this;
    }

    /**
     * @param heldOutSet identities not trained on, for all-pairs verification during training
     * @return this
     */
    public TrainerBuilder optHeldOutSet(FaceDataset heldOutSet) {
        this.heldOutSet = heldOutSet;
        return this;
    }

    /**
     * @param bin an InsightFace {@code .bin} verification set to evaluate on
     * @return this
     */
    public TrainerBuilder addVerificationBin(Path bin) {
        this.verificationBins.add(bin);
        return this;
    }

    /**
     * @param outputDir where checkpoints go (none without it)
     * @return this
     */
    public TrainerBuilder optOutputDir(Path outputDir) {
        this.outputDir = outputDir;
        return this;
    }

    /**
     * @param resume continue from the latest checkpoint in the output folder, if there is one
     * @return this
     */
    public TrainerBuilder optResume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /**
     * Starts from a trained or imported backbone instead of a random initialisation: a checkpoint
     * folder of the same spec, or an ONNX model loaded by core's {@link OnnxImporter} (a PolyFace export
     * by parameter name, another exporter's model by structure; see {@link InitialBackbone}). The head is
     * new (the classes may differ). Ignored when resuming.
     *
     * @param source a checkpoint folder or an {@code .onnx} file
     * @return this
     */
    public TrainerBuilder optInitialModel(Path source) {
        this.initialModel = source;
        this.initialModelSpec = null;
        return this;
    }

    /**
     * Starts from an ONNX model of this run's architecture at another input size ({@link InputSizeTransfer}: weights
     * copied by name, spatially input-dependent kernels resampled). Ignored when resuming.
     *
     * @param onnx the model
     * @param sourceSpec this run's architecture at the model's input size
     * @return this
     */
    public TrainerBuilder optInitialModel(Path onnx, ArchSpec sourceSpec) {
        this.initialModel = onnx;
        this.initialModelSpec = sourceSpec;
        return this;
    }

    /**
     * @param anchorCentres initialise each class centre from the mean embedding of its class (anchor
     *     fine-tuning; see {@link AnchorCentres}). Ignored when resuming.
     * @return this
     */
    public TrainerBuilder optAnchorCentres(boolean anchorCentres) {
        this.anchorCentres = anchorCentres;
        return this;
    }

    /**
     * @param stop polled by {@link Trainer#train()} at each step boundary: once requested, the run checkpoints
     *     and returns (e.g. set by {@link io.polyface.train.stop.SignalStop} on Ctrl-C)
     * @return this
     */
    public TrainerBuilder optStopRequest(StopRequest stop) {
        this.stop = java.util.Objects.requireNonNull(stop, "stop");
        return this;
    }

    /**
     * @param provenance the run's typed provenance ({@code io.polyface.train.provenance.RunProvenance}: recipe, seed,
     *     data identity, code version, start), stamped with the steps and the time into every checkpoint
     *     ({@code provenance.run}) and exported model ({@code polyface.provenance}); without it they record none
     * @return this
     */
    public TrainerBuilder optProvenance(ProvenanceSource provenance) {
        this.provenance = provenance;
        return this;
    }

    /**
     * @param objective a loss on the embeddings evaluated instead of the margin loss, or besides it with the objective's
     *     margin weight (e.g. distillation from a teacher; see {@link EmbeddingObjective}); null: the margin loss alone.
     *     The trainer calls its {@link EmbeddingObjective#prepare} for each batch its loader prepares and closes it
     *     when the trainer is closed
     * @return this
     */
    public TrainerBuilder optObjective(EmbeddingObjective objective) {
        this.objective = objective;
        return this;
    }

    /**
     * @param listener receives step, evaluation, checkpoint and end events
     * @return this
     */
    public TrainerBuilder addListener(TrainingListener listener) {
        this.listeners.add(listener);
        return this;
    }

    /**
     * Builds the trainer: plans the classifier's memory, initialises (seeded) or restores the
     * parameters, and prepares the optimiser; the loader starts at the first step.
     *
     * @return the trainer (close it)
     * @throws IllegalArgumentException if a setting is missing, an evaluation set has no genuine or no
     *     impostor pair, the classifier does not fit the memory
     *     budget ({@link io.polyface.train.memory.MemoryBudgetExceededException}), or a checkpoint to
     *     resume from was made with other settings
     * @throws IOException if a checkpoint or a {@code .bin} cannot be read (or every checkpoint to resume
     *     from is damaged: {@link ResumePoint}), the output folder is not writable, or anchor centres
     *     cannot embed the data
     */
    public Trainer build() throws IOException {
        if (config == null || trainingSet == null) {
            throw new IllegalArgumentException("Trainer needs setConfig and setTrainingSet");
        }
        if (config.checkpointEvery() > 0 && outputDir == null) {
            throw new IllegalArgumentException("checkpointEvery needs an output folder (optOutputDir)");
        }
        if (heldOutSet != null) {
            EvaluationSets.requireHeldOut(heldOutSet);
        }
        for (Path bin : verificationBins) {
            EvaluationSets.requireBin(bin);
        }
        return new Trainer(this);
    }
}
