package io.polyface.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.nn.GradMode;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.ProvenanceSource;
import io.polyface.train.checkpoint.ResumePoint;
import io.polyface.train.checkpoint.TrainingState;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SampleOrder;
import io.polyface.train.eval.ClassificationAccuracy;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.eval.NetworkEmbedder;
import io.polyface.train.eval.PeriodicEvaluation;
import io.polyface.train.export.OnnxModelExport;
import io.polyface.train.memory.MemoryPlan;
import io.polyface.train.optim.TrainableParameter;
import io.polyface.train.random.Seeds;
import io.polyface.train.schedule.LearningRateSchedule;
import io.polyface.train.schedule.Schedules;
import io.polyface.train.stop.StopRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training loop: a spec network and a margin-loss head trained with the harness's SGD on DJL's
 * PyTorch engine, on CPU or on one or several GPUs.
 *
 * <p>One {@link #step()}:
 * <ol>
 *   <li>takes the step's batch from the {@link BatchLoader} (decoded and augmented ahead in worker
 *       threads; sample order and augmentation are functions of the seed and the step);</li>
 *   <li>seeds the engine's generator (dropout, Partial FC sampling) and the network's stochastic-depth
 *       source from {@code (seed, step)};</li>
 *   <li>inside a gradient recording, splits the batch into one shard per device, runs the network
 *       (training mode) and the head on each, and evaluates the loss: the margin loss (label smoothing
 *       by its option), through Partial FC when the sample rate is below 1, plus RegularFace's
 *       {@code λ·L_r} when its weight is positive; the shard losses are combined weighted by shard
 *       size; with an {@link EmbeddingObjective} ({@link TrainerBuilder#optObjective}, e.g. distillation) its loss
 *       replaces the margin loss, or is added to {@code λ·} margin loss with the objective's weight {@code λ};</li>
 *   <li>stops with {@link NonFiniteLossException} if the loss is NaN or infinite, before anything is
 *       applied; otherwise back-propagates (gradients of all shards reach the master parameters);</li>
 *   <li>computes the global gradient norm (stopping likewise if it is not finite), clips it when
 *       configured, and applies {@link io.polyface.train.optim.Sgd} with the scheduled rate; then zeroes the gradients.</li>
 * </ol>
 * All arrays of a step live in a sub-manager closed at its end, so memory does not grow. A step is a
 * pure function of the state and {@code (seed, step)}: on CPU a run interrupted after {@code K} steps
 * and resumed from its checkpoint ends with the same parameters as an uninterrupted one.
 *
 * <p>{@link #train()} runs the remaining steps with evaluation on held-out identities and
 * {@code .bin} sets ({@link PeriodicEvaluation}), checkpoints ({@link TrainingState}) and listeners; before
 * each evaluation and the final checkpoint it recomputes the batch-norm running statistics for the current
 * weights ({@link BatchNormRecalibration}). A benchmark can time {@link #step()} directly.
 *
 * <p>Not thread-safe; one trainer at a time per JVM (DJL's PyTorch gradient recording is global).
 */
public final class Trainer implements AutoCloseable {

    private final TrainingConfig config;
    private final FaceDataset trainingSet;
    private final Path outputDir;
    private final List<TrainingListener> listeners;
    private final NDManager manager;
    private final TrainingModel model;
    private final Loss loss;
    private final MarginLoss marginLoss;
    private final LearningRateSchedule schedule;
    private final SampleOrder order;
    private final ModelInput input;
    private final CorruptImagePolicy corruptImages;
    private final PeriodicEvaluation evaluation;
    private final RunStatistics statistics;
    private final StopRequest stop;
    private final ProvenanceSource provenance;
    private final List<String> warnings = new ArrayList<>();
    private BatchLoader loader;
    private long step;
    private Path lastCheckpoint;
    private Path resumedFrom;

    Trainer(TrainerBuilder b) throws IOException {
        this.config = b.config;
        this.corruptImages = CorruptImagePolicy.of(b.config.strict());
        this.trainingSet = b.trainingSet;
        this.evaluation = new PeriodicEvaluation(b.heldOutSet, b.verificationBins, config.evalFars());
        this.outputDir = b.outputDir;
        this.listeners = new ArrayList<>(b.listeners);
        this.stop = b.stop;
        this.provenance = b.provenance;
        this.input = ModelInput.of(config.spec());
        int classes = trainingSet.labels().size();
        NDManager m = NDManager.newBaseManager(config.devices().get(0));
        try {
            this.model = new TrainingModel(config, classes, b.objective, trainingSet.description(), m);
            this.schedule = Schedules.create(config.schedule(), config.steps(), config.warmupSteps(), config.milestones(),
                    config.gamma(), config.power(), config.minLearningRateFactor());
            this.order = new SampleOrder(trainingSet.size(), config.batchSize(), config.seed());
            this.manager = m;
            if (outputDir != null) {
                warnings.addAll(CheckpointStore.prepare(outputDir));
            }
            ResumePoint resume = b.resume && outputDir != null ? ResumePoint.select(outputDir) : new ResumePoint(Optional.empty(), List.of());
            warnings.addAll(resume.warnings());
            Checkpoint c = resume.checkpoint().isPresent() ? CheckpointStore.read(resume.checkpoint().get()) : null;
            if (c != null) {
                RunMetadata.checkCompatible(c.metadata(), config, trainingSet.labels(), model.memoryPlan.sampleRate(), outputDir);
                this.step = model.state.restore(c);
                this.lastCheckpoint = this.resumedFrom = c.directory();
            }
            this.statistics = new RunStatistics(order.stepsPerEpoch(), c == null ? Double.NaN : RunMetadata.loss(c.metadata()));
            this.marginLoss = LossStates.create(config.loss(), config.lossOptions(), c == null ? Map.of() : c.metadata().lossState());
            this.loss = model.loss(marginLoss, config.regularFaceWeight());
            if (c == null) {
                model.fineTune(b.initialModel, b.initialModelSpec, b.anchorCentres, config.spec(), this::embedder, trainingSet);
            }
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** @return a builder */
    public static TrainerBuilder builder() {
        return new TrainerBuilder();
    }

    /**
     * Takes one training step.
     *
     * @return the step's figures
     * @throws NonFiniteLossException if the loss or the gradient norm is NaN or infinite (nothing is applied)
     * @throws IllegalStateException if the run is complete
     * @throws IOException if the batch cannot be loaded (strict mode: a corrupt image)
     */
    public StepResult step() throws IOException {
        if (step >= config.steps()) {
            throw new IllegalStateException("the run is complete: " + step + " of " + config.steps() + " steps");
        }
        long started = System.nanoTime();
        if (loader == null) {
            loader = BatchLoader.builder().setDataset(trainingSet).setPreprocessor(input, config.augmentation())
                    .setPlan(order.firstSteps(config.steps()))
                    .optSeed(config.seed()).optStartStep(step).optWorkers(config.workers())
                    .optCorruptImagePolicy(corruptImages).optOnReady(model.objective == null ? null : model.objective::prepare).build();
        }
        HostBatch batch = loader.next();
        if (batch.step() != step) {
            throw new IllegalStateException("loader delivered step " + batch.step() + " for step " + step);
        }
        long t = step;
        Engine.getInstance().setRandomSeed(Seeds.engineSeed(config.seed(), t));
        model.network.stochasticDepth().reseed(config.seed(), t);
        double lr = config.learningRate() * schedule.factor(t);
        double lossValue;
        double accuracy;
        double gradNorm;
        try (GradMode.Scope off = GradMode.off(); NDManager stepManager = manager.newSubManager()) {
            TrainingModel.Forward f = model.forwardBackward(batch, input, config.channelsLast(), loss, stepManager, t, lr, lastCheckpoint);
            lossValue = f.loss();
            accuracy = f.correct() < 0 ? Double.NaN : (double) f.correct() / batch.size();
            gradNorm = GradientUpdate.apply(model.trainable, model.sgd, config.gradientClipNorm(), stepManager, t, lr, lossValue, lastCheckpoint);
        }
        step++;
        StepResult r = new StepResult(t, order.epoch(t), lossValue, accuracy, lr, gradNorm, batch.size(), (System.nanoTime() - started) / 1e9);
        statistics.record(r);
        return r;
    }

    /**
     * Runs the remaining steps: after each, the listeners' {@code onStep}; every
     * {@code evalEvery} steps and at the end, batch-norm recalibration then evaluation on the held-out
     * identities and the {@code .bin} sets; every {@code checkpointEvery} steps and at the end, a
     * checkpoint (with an output folder; the final one after recalibration). A resumed run whose steps
     * are all done returns at once.
     *
     * <p>When the {@link TrainerBuilder#optStopRequest stop request} is set, the run stops at the next step
     * boundary before its last step: it writes a checkpoint (with an output folder, unless nothing was
     * trained since the last one; no batch-norm recalibration, so that resuming continues exactly) and
     * returns the summary of what was done, without the listeners' {@code onEnd}. A request during the
     * last step lets the run end normally.
     *
     * @return the summary
     * @throws NonFiniteLossException if the loss becomes NaN or infinite (the last checkpoint stays)
     * @throws IOException if data cannot be read or a checkpoint cannot be written
     */
    public TrainingSummary train() throws IOException {
        while (step < config.steps()) {
            if (stop.isRequested()) {
                if (outputDir != null && statistics.steps() > 0 && (lastCheckpoint == null || CheckpointStore.stepOf(lastCheckpoint) != step)) {
                    checkpoint();
                }
                return summary();
            }
            StepResult r = step();
            listeners.forEach(l -> l.onStep(r));
            if (stop.isRequested() && step < config.steps()) {
                continue; // no evaluation: checkpoint and return at once
            }
            boolean last = step == config.steps();
            boolean evaluating = evaluation.hasSets() && (last || (config.evalEvery() > 0 && step % config.evalEvery() == 0));
            if (evaluating || (last && outputDir != null)) {
                recalibrateBatchNorm();
            }
            if (evaluating) {
                for (EvaluationResult e : evaluate()) {
                    listeners.forEach(l -> l.onEvaluation(e));
                }
            }
            if (outputDir != null && (last || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                checkpoint();
            }
        }
        TrainingSummary summary = summary();
        listeners.forEach(l -> l.onEnd(summary));
        return summary;
    }

    /**
     * Recomputes the batch-norm running statistics for the current weights
     * ({@link BatchNormRecalibration}, {@code bnRecalibrationBatches} batches of the training set; nothing
     * when that is 0). {@link #train()} calls it before each evaluation and the final checkpoint.
     *
     * @throws IOException if an image cannot be read
     */
    public void recalibrateBatchNorm() throws IOException {
        if (config.bnRecalibrationBatches() > 0) {
            BatchNormRecalibration.recalibrate(model.network, manager, trainingSet, config.batchSize(), config.bnRecalibrationBatches(),
                    config.seed(), step, config.workers(), corruptImages);
        }
    }

    /** @return the summary of the run so far */
    public TrainingSummary summary() {
        return statistics.summary(step, evaluation.latest(), corruptImages.count(), lastCheckpoint, resumedFrom);
    }

    /**
     * Evaluates now: all-pairs TAR@FAR on the held-out identities, and each {@code .bin} set's pairs.
     *
     * @return one result per set (empty without evaluation sets)
     * @throws IOException if an evaluation image cannot be read
     */
    public List<EvaluationResult> evaluate() throws IOException {
        return evaluation.evaluate(step, embedder());
    }

    /** @return an embedder of the current network (inference mode, the training batch size) */
    public NetworkEmbedder embedder() {
        return new NetworkEmbedder(model.network, manager, config.batchSize(), config.workers(), corruptImages);
    }

    /**
     * Top-1 accuracy on a labelled set in inference mode, without margin: the fraction of images whose
     * embedding's highest cosine is its own class centre. The set's class indices must be the training
     * classes (e.g. the training set itself).
     *
     * @param dataset the images, labelled with training class indices
     * @return the accuracy in [0, 1]
     * @throws IOException if an image cannot be read
     */
    public double classificationAccuracy(FaceDataset dataset) throws IOException {
        return ClassificationAccuracy.topOne(embedder(), dataset, model.head);
    }

    /**
     * Writes a checkpoint of the current state to the output folder (atomically) and prunes old ones.
     *
     * @return the checkpoint folder
     * @throws IllegalStateException if there is no output folder
     * @throws NonFiniteLossException if a parameter is NaN or infinite (nothing is written)
     * @throws IOException if writing fails
     */
    public Path checkpoint() throws IOException {
        if (outputDir == null) {
            throw new IllegalStateException("no output folder: build the trainer with optOutputDir to write checkpoints");
        }
        TrainingState.Snapshot s = model.state.snapshot();
        String nonFinite = s.firstNonFinite();
        if (nonFinite != null) {
            throw new NonFiniteLossException("parameter " + nonFinite, step, config.learningRate() * schedule.factor(Math.max(0, step - 1)),
                    lastCheckpoint);
        }
        Path dir = CheckpointStore.write(outputDir, RunMetadata.describe(snapshot()), s.model(), s.centres(), s.momentum());
        CheckpointStore.prune(outputDir, config.keepCheckpoints());
        lastCheckpoint = dir;
        listeners.forEach(l -> l.onCheckpoint(step, dir));
        return dir;
    }

    private RunSnapshot snapshot() {
        FaceDataset heldOut = evaluation.heldOutSet();
        return new RunSnapshot(config, step, order.stepsPerEpoch(), trainingSet.description(), trainingSet.size(), trainingSet.labels(),
                heldOut == null ? null : heldOut.description(), model.memoryPlan, corruptImages.count(), model.fineTuning, resumedFrom,
                statistics.lastStep(), evaluation.latest(), LossStates.capture(marginLoss), schedule.describe(), provenanceNow());
    }

    /** @return the run provenance at this step and moment, or null when the trainer has none */
    private JsonNode provenanceNow() {
        return provenance == null ? null : provenance.at(step, Instant.now());
    }

    /**
     * Exports the current network to ONNX ({@link OnnxModelExport}): the inference graph, the spec's
     * preprocessing, the resize rule and this run's provenance in the metadata. Call
     * {@link #recalibrateBatchNorm()} first unless {@link #train()} just did.
     *
     * @param file the {@code .onnx} file (written atomically)
     * @throws IOException if it cannot be written
     */
    public void exportOnnx(Path file) throws IOException {
        Map<String, Object> training = OnnxModelExport.training(step, config.loss(), config.lossOptions(), config.seed(),
                trainingSet.labels().size(), trainingSet.description(), lastCheckpoint, config.bnRecalibrationBatches());
        OnnxModelExport.export(model.network, input.resize().toMetadata(), training, provenanceNow(), file);
    }

    /** @return the configuration */
    public TrainingConfig config() {
        return config;
    }

    /**
     * @return what the user should know about how the run started: stale temporary folders removed,
     *     damaged checkpoints skipped when resuming (one line each; empty if nothing)
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** @return the steps completed (the next step's number) */
    public long currentStep() {
        return step;
    }

    /** @return the network being trained */
    public SpecNetwork network() {
        return model.network;
    }

    /** @return the margin head owning the class centres {@code [C, d]} */
    public MarginHead head() {
        return model.head;
    }

    /** @return the memory plan of the classifier (full softmax or Partial FC rate) */
    public MemoryPlan memoryPlan() {
        return model.memoryPlan;
    }

    /** @return the trainable parameters with their groups, backbone first */
    public List<TrainableParameter> trainableParameters() {
        return model.trainable;
    }

    /** @return the steps of one epoch */
    public int stepsPerEpoch() {
        return order.stepsPerEpoch();
    }

    /** @return the run's policy for images that cannot be read or decoded (training, recalibration, evaluation), with the count */
    public CorruptImagePolicy corruptImages() {
        return corruptImages;
    }

    /** @return a host copy of every parameter (backbone, batch-norm statistics included, and centres) by name */
    public Map<String, NamedTensor> parameterValues() {
        return model.state.values();
    }

    /** @param listener a listener added after the trainer is built (e.g. one that needs {@link #currentStep()} of a resumed run) */
    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** @return the number of arrays the trainer's manager holds, sub-managers included (a leak check) */
    int liveArrayCount() {
        return manager.getManagedArrays().size();
    }

    /** Stops the loader threads (and the objective's, {@link EmbeddingObjective#close()}) and releases every array. */
    @Override
    public void close() {
        if (loader != null) {
            loader.close();
        }
        if (model.objective != null) {
            model.objective.close();
        }
        model.sgd.close();
        manager.close();
    }
}
