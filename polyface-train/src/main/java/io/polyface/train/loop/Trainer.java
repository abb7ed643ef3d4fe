package io.polyface.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.io.InsightFaceBin;
import io.polyface.core.nn.MemoryFormats;
import io.polyface.core.nn.ScalarOps;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxImporter;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.losses.partialfc.PartialFcHead;
import io.polyface.losses.partialfc.PartialFcLoss;
import io.polyface.losses.regular.RegularisedLoss;
import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.ResumePoint;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SampleOrder;
import io.polyface.train.engine.ScopedParameterStore;
import io.polyface.train.eval.BinDataset;
import io.polyface.train.eval.ClassificationAccuracy;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.eval.DatasetEmbeddings;
import io.polyface.train.eval.EvaluationSets;
import io.polyface.train.eval.NetworkEmbedder;
import io.polyface.train.eval.Verification;
import io.polyface.train.export.OnnxModelExport;
import io.polyface.train.finetune.AnchorCentres;
import io.polyface.train.memory.MemoryPlan;
import io.polyface.train.memory.MemoryPlanner;
import io.polyface.train.optim.GradientClipping;
import io.polyface.train.optim.ParameterGroups;
import io.polyface.train.optim.Sgd;
import io.polyface.train.optim.TrainableParameter;
import io.polyface.train.random.Seeds;
import io.polyface.train.schedule.LearningRateSchedule;
import io.polyface.train.schedule.Schedules;
import io.polyface.train.stop.StopRequest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
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
 *       size;</li>
 *   <li>stops with {@link NonFiniteLossException} if the loss is NaN or infinite, before anything is
 *       applied; otherwise back-propagates (gradients of all shards reach the master parameters);</li>
 *   <li>computes the global gradient norm (stopping likewise if it is not finite), clips it when
 *       configured, and applies {@link Sgd} with the scheduled rate; then zeroes the gradients.</li>
 * </ol>
 * All arrays of a step live in a sub-manager closed at its end, so memory does not grow. A step is a
 * pure function of the state and {@code (seed, step)}: on CPU a run interrupted after {@code K} steps
 * and resumed from its checkpoint ends with the same parameters as an uninterrupted one.
 *
 * <p>{@link #train()} runs the remaining steps with evaluation on held-out identities and
 * {@code .bin} sets, checkpoints and listeners; before each evaluation and the final checkpoint it
 * recomputes the batch-norm running statistics for the current weights ({@link BatchNormRecalibration}).
 * A benchmark can time {@link #step()} directly.
 *
 * <p>Not thread-safe; one trainer at a time per JVM (DJL's PyTorch gradient recording is global).
 */
public final class Trainer implements AutoCloseable {

    private static final int RECENT_STEPS_KEPT = 10_000;

    private final TrainingConfig config;
    private final FaceDataset trainingSet;
    private final FaceDataset heldOutSet;
    private final List<Path> verificationBins;
    private final Path outputDir;
    private final List<TrainingListener> listeners;
    private final Device[] devices;
    private final NDManager manager;
    private final SpecNetwork network;
    private final MarginHead head;
    private final Block headBlock;
    private final Loss loss;
    private final MarginLoss marginLoss;
    private final MemoryPlan memoryPlan;
    private final Map<String, Parameter> backboneParameters;
    private final Map<String, Parameter> headParameters;
    private final List<TrainableParameter> trainable;
    private final Sgd sgd;
    private final LearningRateSchedule schedule;
    private final SampleOrder order;
    private final ModelInput input;
    private final CorruptImagePolicy corruptImages;
    private final Map<String, Object> fineTuning = new LinkedHashMap<>();
    private final Deque<StepResult> recent = new ArrayDeque<>();
    private final Map<String, EvaluationResult> lastEvaluations = new LinkedHashMap<>();
    private final StopRequest stop;
    private final List<String> warnings = new ArrayList<>();
    private Map<String, Object> resumedMetrics = Map.of();
    private BatchLoader loader;
    private long step;
    private Path lastCheckpoint;
    private Path resumedFrom;
    private StepResult lastStep;
    private long imagesThisRun;
    private double secondsThisRun;
    private long stepsThisRun;

    private Trainer(Builder b) throws IOException {
        this.config = b.config;
        this.corruptImages = CorruptImagePolicy.of(b.config.strict());
        this.trainingSet = b.trainingSet;
        this.heldOutSet = b.heldOutSet;
        this.verificationBins = List.copyOf(b.verificationBins);
        this.outputDir = b.outputDir;
        this.listeners = new ArrayList<>(b.listeners);
        this.stop = b.stop;
        this.devices = config.devices().toArray(new Device[0]);
        this.input = ModelInput.of(config.spec());
        int classes = trainingSet.labels().size();
        if (classes < 2) {
            throw new IllegalArgumentException("training needs at least 2 identities, the training set has " + classes
                    + ": " + trainingSet.description());
        }
        int d = config.spec().embeddingSize();
        if (config.spec().outputShape().numel() != d) {
            throw new IllegalArgumentException("architecture '" + config.spec().name() + "' outputs " + config.spec().outputShape()
                    + " in training, not its " + d + "-d embedding; the trainer needs the embedding as the graph's output");
        }
        int perDevice = (config.batchSize() + devices.length - 1) / devices.length;
        long budget = config.memoryBudgetBytes() > 0 ? config.memoryBudgetBytes() : defaultBudget(devices[0]);
        this.memoryPlan = MemoryPlanner.plan(classes, d, perDevice, config.partialFcSampleRate(), config.momentum() > 0, budget,
                config.partialFcAuto());

        NDManager m = NDManager.newBaseManager(devices[0]);
        try {
            Engine.getInstance().setRandomSeed(Seeds.engineSeed(config.seed(), -1));
            this.network = SpecNetwork.builder().setSpec(config.spec()).build().initialize(m);
            this.head = MarginHead.builder().setNumClasses(classes).setEmbeddingSize(d).build();
            this.headBlock = memoryPlan.partialFc() ? new PartialFcHead(head, memoryPlan.sampleRate()) : head;
            headBlock.initialize(m, DataType.FLOAT32, new Shape(perDevice, d));
            this.backboneParameters = ParameterNames.of(network);
            this.headParameters = Map.of(ParameterNames.CENTRES, head.getCentres());
            this.trainable = new ParameterGroups(config.backboneLearningRateMultiplier(), config.headLearningRateMultiplier(),
                    config.weightDecay()).assign(backboneParameters, headParameters);
            this.sgd = Sgd.builder().optMomentum(config.momentum()).optNesterov(config.nesterov()).setManager(m).build();
            this.schedule = Schedules.create(config.schedule(), config.steps(), config.warmupSteps(), config.milestones(),
                    config.gamma(), config.power(), config.minLearningRateFactor());
            this.order = new SampleOrder(trainingSet.size(), config.batchSize(), config.seed());
            this.manager = m;

            if (outputDir != null) {
                warnings.addAll(CheckpointStore.prepare(outputDir));
            }
            ResumePoint resume = b.resume && outputDir != null ? ResumePoint.select(outputDir) : new ResumePoint(Optional.empty(), List.of());
            warnings.addAll(resume.warnings());
            Map<String, Double> lossState = Map.of();
            if (resume.checkpoint().isPresent()) {
                Checkpoint c = CheckpointStore.read(resume.checkpoint().get());
                RunMetadata.checkCompatible(c.metadata(), config, trainingSet.labels(), memoryPlan.sampleRate(), outputDir);
                this.step = InitialState.restore(c, backboneParameters, headParameters, trainable, sgd);
                lossState = c.metadata().lossState();
                this.resumedFrom = c.directory();
                this.lastCheckpoint = c.directory();
                this.resumedMetrics = c.metadata().metrics();
            }
            this.marginLoss = LossStates.create(config.loss(), config.lossOptions(), lossState);
            this.loss = buildLoss(marginLoss);
            if (resume.checkpoint().isEmpty()) {
                if (b.initialModel != null) {
                    InitialState.loadBackbone(b.initialModel, network, config.spec(), backboneParameters, fineTuning);
                }
                if (b.anchorCentres) {
                    InitialState.anchorCentres(embedder(), trainingSet, head, fineTuning);
                }
            }
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    private Loss buildLoss(MarginLoss margin) {
        Loss l = memoryPlan.partialFc() ? new PartialFcLoss(margin) : margin;
        if (config.regularFaceWeight() > 0) {
            l = RegularisedLoss.builder().setLoss(l).setCentres(head.getCentres()).setWeight(config.regularFaceWeight()).build();
        }
        return l;
    }

    private static long defaultBudget(Device device) {
        if (device.isGpu()) {
            long max = ai.djl.util.cuda.CudaUtils.getGpuMemory(device).getMax();
            return max / 2;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / 2;
        }
        return Runtime.getRuntime().maxMemory();
    }

    // ---------------------------------------------------------------- the step

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
                    .optCorruptImagePolicy(corruptImages).build();
        }
        HostBatch batch = loader.next();
        if (batch.step() != step) {
            throw new IllegalStateException("loader delivered step " + batch.step() + " for step " + step);
        }
        long t = step;
        Engine.getInstance().setRandomSeed(Seeds.engineSeed(config.seed(), t));
        network.stochasticDepth().reseed(config.seed(), t);
        double lr = config.learningRate() * schedule.factor(t);
        double lossValue;
        double accuracy;
        double gradNorm;
        try (NDManager stepManager = manager.newSubManager()) {
            int n = batch.size();
            NDArray pixels = stepManager.create(batch.pixels(), new Shape(n, input.channels(), input.height(), input.width()));
            NDArray x = config.channelsLast() ? MemoryFormats.channelsLast(pixels) : pixels;
            NDArray y = stepManager.create(batch.labels());
            int[] bounds = shardBounds(n);
            int shards = bounds.length - 1;
            Device[] shardDevices = Arrays.copyOf(devices, shards);
            ScopedParameterStore ps = new ScopedParameterStore(stepManager, shardDevices);
            long correct = 0;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = null;
                for (int s = 0; s < shards; s++) {
                    ps.useShard(s);
                    NDIndex range = new NDIndex(bounds[s] + ":" + bounds[s + 1]);
                    NDArray xs = shards == 1 ? x : x.get(range).toDevice(shardDevices[s], false);
                    NDArray ys = shards == 1 ? y : y.get(range).toDevice(shardDevices[s], false);
                    NDList embeddings = network.block().forward(ps, new NDList(xs), true);
                    NDList predictions = headBlock.forward(ps, embeddings, new NDList(ys), null);
                    NDArray shardLoss = loss.evaluate(new NDList(ys), predictions);
                    correct += correctCount(predictions, ys);
                    NDArray weighted = shards == 1 ? shardLoss
                            : ScalarOps.mul(shardLoss, (double) (bounds[s + 1] - bounds[s]) / n).toDevice(devices[0], false);
                    total = total == null ? weighted : total.add(weighted);
                }
                lossValue = total.toType(DataType.FLOAT64, false).getDouble();
                if (!Double.isFinite(lossValue)) {
                    throw new NonFiniteLossException("loss is " + lossValue, t, lr, lastCheckpoint);
                }
                collector.backward(total);
            }
            accuracy = (double) correct / n;
            List<NDArray> gradients = new ArrayList<>(trainable.size());
            for (TrainableParameter p : trainable) {
                NDArray g = p.parameter().getArray().getGradient();
                g.attach(stepManager);
                gradients.add(g);
            }
            gradNorm = GradientClipping.globalNorm(gradients, stepManager);
            if (!Double.isFinite(gradNorm)) {
                zero(gradients);
                throw new NonFiniteLossException("gradient norm is " + gradNorm + " (loss " + lossValue + ")", t, lr, lastCheckpoint);
            }
            if (config.gradientClipNorm() > 0) {
                GradientClipping.clip(gradients, gradNorm, config.gradientClipNorm());
            }
            for (int i = 0; i < trainable.size(); i++) {
                sgd.update(trainable.get(i), gradients.get(i), lr);
            }
            zero(gradients);
        }
        step++;
        double seconds = (System.nanoTime() - started) / 1e9;
        StepResult r = new StepResult(t, order.epoch(t), lossValue, accuracy, lr, gradNorm, batch.size(), seconds);
        lastStep = r;
        imagesThisRun += batch.size();
        secondsThisRun += seconds;
        stepsThisRun++;
        recent.addLast(r);
        if (recent.size() > Math.min(RECENT_STEPS_KEPT, order.stepsPerEpoch())) {
            recent.removeFirst();
        }
        return r;
    }

    private int[] shardBounds(int n) {
        int shards = Math.max(1, Math.min(devices.length, n / 2));
        int[] bounds = new int[shards + 1];
        for (int s = 0; s <= shards; s++) {
            bounds[s] = (int) ((long) n * s / shards);
        }
        return bounds;
    }

    private static long correctCount(NDList predictions, NDArray labels) {
        NDArray cosine = predictions.get(MarginHead.COSINE);
        NDArray target = predictions.size() > PartialFcHead.LOCAL_LABELS ? predictions.get(PartialFcHead.LOCAL_LABELS) : labels;
        NDArray predicted = cosine.argMax(1).toType(DataType.INT64, false);
        return predicted.eq(target.toType(DataType.INT64, false)).sum().toType(DataType.INT64, false).getLong();
    }

    private static void zero(List<NDArray> gradients) {
        for (NDArray g : gradients) {
            g.subi(g);
        }
    }

    // ---------------------------------------------------------------- the run

    /**
     * Runs the remaining steps: after each, the listeners' {@code onStep}; every
     * {@code evalEvery} steps and at the end, batch-norm recalibration then evaluation on the held-out
     * identities and the {@code .bin} sets; every {@code checkpointEvery} steps and at the end, a
     * checkpoint (with an output folder; the final one after recalibration). A resumed run whose steps
     * are all done returns at once.
     *
     * <p>When the {@link Builder#optStopRequest stop request} is set, the run stops at the next step
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
                if (outputDir != null && stepsThisRun > 0 && (lastCheckpoint == null || CheckpointStore.stepOf(lastCheckpoint) != step)) {
                    checkpoint();
                }
                return summary();
            }
            StepResult r = step();
            for (TrainingListener l : listeners) {
                l.onStep(r);
            }
            if (stop.isRequested() && step < config.steps()) {
                continue; // no evaluation: checkpoint and return at once
            }
            boolean last = step == config.steps();
            boolean evaluating = (heldOutSet != null || !verificationBins.isEmpty())
                    && (last || (config.evalEvery() > 0 && step % config.evalEvery() == 0));
            if (evaluating || (last && outputDir != null)) {
                recalibrateBatchNorm();
            }
            if (evaluating) {
                for (EvaluationResult e : evaluate()) {
                    for (TrainingListener l : listeners) {
                        l.onEvaluation(e);
                    }
                }
            }
            if (outputDir != null && (last || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                checkpoint();
            }
        }
        TrainingSummary summary = summary();
        for (TrainingListener l : listeners) {
            l.onEnd(summary);
        }
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
            BatchNormRecalibration.recalibrate(network, manager, trainingSet, config.batchSize(), config.bnRecalibrationBatches(),
                    config.seed(), step, config.workers(), corruptImages);
        }
    }

    /** @return the summary of the run so far */
    public TrainingSummary summary() {
        double meanLoss = recent.stream().mapToDouble(StepResult::loss).average().orElse(Double.NaN);
        double meanAccuracy = recent.stream().mapToDouble(StepResult::accuracy).average().orElse(Double.NaN);
        double lastLoss = lastStep != null ? lastStep.loss()
                : resumedMetrics.get("loss") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new TrainingSummary(step, stepsThisRun, lastLoss, meanLoss, meanAccuracy,
                imagesThisRun, secondsThisRun, secondsThisRun > 0 ? imagesThisRun / secondsThisRun : 0,
                List.copyOf(lastEvaluations.values()), corruptImages.count(), lastCheckpoint, resumedFrom);
    }

    /**
     * Evaluates now: all-pairs TAR@FAR on the held-out identities, and each {@code .bin} set's pairs.
     *
     * @return one result per set (empty without evaluation sets)
     * @throws IOException if an evaluation image cannot be read
     */
    public List<EvaluationResult> evaluate() throws IOException {
        List<EvaluationResult> out = new ArrayList<>();
        NetworkEmbedder embedder = embedder();
        if (heldOutSet != null) {
            DatasetEmbeddings e = embedder.embed(heldOutSet);
            out.add(Verification.allPairs(step, "held-out", e.features(), e.labels(heldOutSet), config.evalFars()));
        }
        for (Path bin : verificationBins) {
            BinDataset set = new BinDataset(bin, InsightFaceBin.read(bin));
            out.add(Verification.pairs(step, bin.getFileName().toString(), embedder.embed(set), set.genuine(), config.evalFars()));
        }
        for (EvaluationResult r : out) {
            lastEvaluations.put(r.set(), r);
        }
        return out;
    }

    /** @return an embedder of the current network (inference mode, the training batch size) */
    public NetworkEmbedder embedder() {
        return new NetworkEmbedder(network, manager, config.batchSize(), config.workers(), corruptImages);
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
        DatasetEmbeddings e = embedder().embed(dataset);
        return ClassificationAccuracy.topOne(e.features(), e.labels(dataset), head.getCentres().getArray().toFloatArray(), head.getNumClasses());
    }

    // ---------------------------------------------------------------- checkpoints

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
        List<NamedTensor> model = ParameterValues.snapshot(backboneParameters);
        List<NamedTensor> centres = ParameterValues.snapshot(headParameters);
        String nonFinite = ParameterValues.firstNonFinite(model, centres);
        if (nonFinite != null) {
            throw new NonFiniteLossException("parameter " + nonFinite, step, config.learningRate() * schedule.factor(Math.max(0, step - 1)),
                    lastCheckpoint);
        }
        List<NamedTensor> momentum = new ArrayList<>();
        sgd.momentumBuffers().forEach((name, a) -> momentum.add(new NamedTensor(name, a.getShape().getShape(), a.toFloatArray())));
        Path dir = CheckpointStore.write(outputDir, RunMetadata.describe(this), model, centres, momentum);
        CheckpointStore.prune(outputDir, config.keepCheckpoints());
        lastCheckpoint = dir;
        for (TrainingListener l : listeners) {
            l.onCheckpoint(step, dir);
        }
        return dir;
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
        OnnxModelExport.export(network, input.resize().toMetadata(), training, file);
    }

    // ---------------------------------------------------------------- accessors

    /** @return the configuration */
    public TrainingConfig config() {
        return config;
    }

    FaceDataset trainingSet() {
        return trainingSet;
    }

    FaceDataset heldOutSet() {
        return heldOutSet;
    }

    Map<String, Object> fineTuning() {
        return fineTuning;
    }

    Path resumedFrom() {
        return resumedFrom;
    }

    StepResult lastStep() {
        return lastStep;
    }

    List<EvaluationResult> lastEvaluations() {
        return List.copyOf(lastEvaluations.values());
    }

    MarginLoss marginLoss() {
        return marginLoss;
    }

    LearningRateSchedule schedule() {
        return schedule;
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
        return network;
    }

    /** @return the margin head owning the class centres {@code [C, d]} */
    public MarginHead head() {
        return head;
    }

    /** @return the memory plan of the classifier (full softmax or Partial FC rate) */
    public MemoryPlan memoryPlan() {
        return memoryPlan;
    }

    /** @return the trainable parameters with their groups, backbone first */
    public List<TrainableParameter> trainableParameters() {
        return trainable;
    }

    /** @return the steps of one epoch */
    public int stepsPerEpoch() {
        return order.stepsPerEpoch();
    }

    /** @return the run's policy for images that cannot be read or decoded (training, recalibration, evaluation), with the count */
    public CorruptImagePolicy corruptImages() {
        return corruptImages;
    }

    /**
     * A copy of every parameter (backbone, batch-norm statistics included, and centres) in host memory.
     *
     * @return name to values
     */
    public Map<String, NamedTensor> parameterValues() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        for (NamedTensor t : ParameterValues.snapshot(backboneParameters)) {
            out.put(t.name(), t);
        }
        for (NamedTensor t : ParameterValues.snapshot(headParameters)) {
            out.put(t.name(), t);
        }
        return out;
    }

    /**
     * Adds a listener after the trainer is built (e.g. one that needs {@link #currentStep()} of a resumed run).
     *
     * @param listener the listener
     */
    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** @return the number of arrays the trainer's manager holds, sub-managers included (a leak check) */
    int liveArrayCount() {
        return manager.getManagedArrays().size();
    }

    /** Stops the loader threads and releases every array. */
    @Override
    public void close() {
        if (loader != null) {
            loader.close();
        }
        sgd.close();
        manager.close();
    }

    /** Builder; {@code setConfig} and {@code setTrainingSet} are required. */
    public static final class Builder {
        private TrainingConfig config;
        private FaceDataset trainingSet;
        private FaceDataset heldOutSet;
        private final List<Path> verificationBins = new ArrayList<>();
        private Path outputDir;
        private boolean resume;
        private Path initialModel;
        private boolean anchorCentres;
        private StopRequest stop = new StopRequest();
        private final List<TrainingListener> listeners = new ArrayList<>();

        Builder() {}

        /**
         * @param config the run's configuration (required)
         * @return this
         */
        public Builder setConfig(TrainingConfig config) {
            this.config = config;
            return this;
        }

        /**
         * @param trainingSet the training images (required; its label map defines the classes)
         * @return this
         */
        public Builder setTrainingSet(FaceDataset trainingSet) {
            this.trainingSet = trainingSet;
            return this;
        }

        /**
         * @param heldOutSet identities not trained on, for all-pairs verification during training
         * @return this
         */
        public Builder optHeldOutSet(FaceDataset heldOutSet) {
            this.heldOutSet = heldOutSet;
            return this;
        }

        /**
         * @param bin an InsightFace {@code .bin} verification set to evaluate on
         * @return this
         */
        public Builder addVerificationBin(Path bin) {
            this.verificationBins.add(bin);
            return this;
        }

        /**
         * @param outputDir where checkpoints go (none without it)
         * @return this
         */
        public Builder optOutputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        /**
         * @param resume continue from the latest checkpoint in the output folder, if there is one
         * @return this
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Starts from a trained or imported backbone instead of a random initialisation: a checkpoint
         * folder of the same spec, or an ONNX model loaded by core's {@link OnnxImporter} (a PolyFace export
         * by parameter name, another exporter's model by structure). The head is new (the classes may
         * differ). Ignored when resuming.
         *
         * @param source a checkpoint folder or an {@code .onnx} file
         * @return this
         */
        public Builder optInitialModel(Path source) {
            this.initialModel = source;
            return this;
        }

        /**
         * @param anchorCentres initialise each class centre from the mean embedding of its class (anchor
         *     fine-tuning; see {@link AnchorCentres}). Ignored when resuming.
         * @return this
         */
        public Builder optAnchorCentres(boolean anchorCentres) {
            this.anchorCentres = anchorCentres;
            return this;
        }

        /**
         * @param stop polled by {@link #train()} at each step boundary: once requested, the run checkpoints
         *     and returns (e.g. set by {@link io.polyface.train.stop.SignalStop} on Ctrl-C)
         * @return this
         */
        public Builder optStopRequest(StopRequest stop) {
            this.stop = java.util.Objects.requireNonNull(stop, "stop");
            return this;
        }

        /**
         * @param listener receives step, evaluation, checkpoint and end events
         * @return this
         */
        public Builder addListener(TrainingListener listener) {
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
}
