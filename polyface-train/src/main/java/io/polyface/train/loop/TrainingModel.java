package io.polyface.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.nn.MemoryFormats;
import io.polyface.core.nn.ScalarOps;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.losses.head.MarginHead;
import io.polyface.losses.margin.MarginLoss;
import io.polyface.losses.partialfc.PartialFcHead;
import io.polyface.losses.partialfc.PartialFcLoss;
import io.polyface.losses.regular.RegularisedLoss;
import io.polyface.train.checkpoint.ParameterNames;
import io.polyface.train.checkpoint.TrainingState;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.engine.ScopedParameterStore;
import io.polyface.train.eval.NetworkEmbedder;
import io.polyface.train.finetune.AnchorCentres;
import io.polyface.train.finetune.InitialBackbone;
import io.polyface.train.finetune.InputSizeTransfer;
import io.polyface.train.memory.MemoryPlan;
import io.polyface.train.memory.MemoryPlanner;
import io.polyface.train.optim.ParameterGroups;
import io.polyface.train.optim.Sgd;
import io.polyface.train.optim.TrainableParameter;
import io.polyface.train.random.Seeds;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@link Trainer} trains: the spec network and the margin head (wrapped by Partial FC when the
 * classifier's {@link MemoryPlan} says so), initialised from the run's seed, with their parameters by
 * stable name, their optimiser groups and the {@link Sgd} that updates them.
 */
final class TrainingModel {

    final Device[] devices;
    final MemoryPlan memoryPlan;
    final SpecNetwork network;
    final MarginHead head;
    final Block headBlock;
    final Map<String, Parameter> backbone;
    final Map<String, Parameter> headParameters;
    final List<TrainableParameter> trainable;
    final Sgd sgd;
    final TrainingState state;
    final Map<String, Object> fineTuning = new LinkedHashMap<>();
    final EmbeddingObjective objective;

    /**
     * Plans the classifier's memory and builds the seeded network and head.
     *
     * @param config the run's configuration
     * @param classes the training classes {@code C}
     * @param objective an objective on the embeddings replacing or weighting the margin loss (null: the margin loss alone)
     * @param description the training set's description (for messages)
     * @param manager the manager owning the parameters
     * @throws IllegalArgumentException if the margin loss is used and there are fewer than 2 classes, the architecture's
     *     output is not its embedding, or the classifier does not fit the memory budget
     *     ({@link io.polyface.train.memory.MemoryBudgetExceededException})
     */
    TrainingModel(TrainingConfig config, int classes, EmbeddingObjective objective, String description, NDManager manager) {
        this.objective = objective;
        if (classes < 2 && (objective == null || objective.marginWeight() > 0)) {
            throw new IllegalArgumentException("training needs at least 2 identities, the training set has " + classes
                    + ": " + description);
        }
        // an objective without the margin loss may train on a single class (unlabelled images): the unused head keeps 2 centres
        classes = Math.max(2, classes);
        int d = config.spec().embeddingSize();
        if (config.spec().outputShape().numel() != d) {
            throw new IllegalArgumentException("architecture '" + config.spec().name() + "' outputs " + config.spec().outputShape()
                    + " in training, not its " + d + "-d embedding; the trainer needs the embedding as the graph's output");
        }
        this.devices = config.devices().toArray(new Device[0]);
        int perDevice = (config.batchSize() + devices.length - 1) / devices.length;
        long budget = config.memoryBudgetBytes() > 0 ? config.memoryBudgetBytes() : defaultBudget(devices[0]);
        this.memoryPlan = MemoryPlanner.plan(classes, d, perDevice, config.partialFcSampleRate(), config.momentum() > 0, budget,
                config.partialFcAuto());
        Engine.getInstance().setRandomSeed(Seeds.engineSeed(config.seed(), -1));
        this.network = SpecNetwork.builder().setSpec(config.spec()).build().initialize(manager);
        this.head = MarginHead.builder().setNumClasses(classes).setEmbeddingSize(d).build();
        this.headBlock = memoryPlan.partialFc() ? new PartialFcHead(head, memoryPlan.sampleRate()) : head;
        headBlock.initialize(manager, DataType.FLOAT32, new Shape(perDevice, d));
        this.backbone = ParameterNames.of(network);
        Map<String, Parameter> headParams = new LinkedHashMap<>();
        headParams.put(ParameterNames.CENTRES, head.getCentres());
        if (objective != null) {
            headParams.putAll(objective.initialize(manager, d));
        }
        this.headParameters = headParams;
        this.trainable = new ParameterGroups(config.backboneLearningRateMultiplier(), config.headLearningRateMultiplier(),
                config.weightDecay()).assign(backbone, headParameters);
        this.sgd = Sgd.builder().optMomentum(config.momentum()).optNesterov(config.nesterov()).setManager(manager).build();
        this.state = new TrainingState(backbone, headParameters, trainable, sgd);
    }

    /**
     * Starts from a trained backbone ({@link InitialBackbone}) and/or class-mean centres ({@link AnchorCentres}),
     * recording what was done in {@link #fineTuning}.
     *
     * @param initialModel a checkpoint folder or an {@code .onnx} file (null: keep the seeded backbone)
     * @param initialModelSpec the run's architecture at the ONNX model's input size when that differs ({@link InputSizeTransfer}), or null
     * @param anchorCentres whether to set the centres to the class means of the (loaded) backbone's embeddings
     * @param spec the run's spec
     * @param embedder makes an embedder of the current network
     * @param trainingSet the training images
     * @throws IOException if the model or an image cannot be read
     */
    void fineTune(Path initialModel, ArchSpec initialModelSpec, boolean anchorCentres, ArchSpec spec, Supplier<NetworkEmbedder> embedder, FaceDataset trainingSet)
            throws IOException {
        if (initialModel != null && initialModelSpec != null) {
            fineTuning.put("initial_model", initialModel.toString());
            fineTuning.put("initial_model_input", initialModelSpec.input().toString());
            fineTuning.put("initial_model_notes", InputSizeTransfer.load(initialModel, initialModelSpec, network));
        } else if (initialModel != null) {
            InitialBackbone.load(initialModel, network, spec, backbone, fineTuning);
        }
        if (anchorCentres) {
            AnchorCentres.assign(embedder.get(), trainingSet, head, fineTuning);
        }
    }

    /**
     * @param margin the margin loss
     * @param regularFaceWeight RegularFace's {@code λ} (0 for none)
     * @return the training loss: the margin loss, through Partial FC when planned, plus {@code λ·L_r}
     */
    Loss loss(MarginLoss margin, double regularFaceWeight) {
        Loss l = memoryPlan.partialFc() ? new PartialFcLoss(margin) : margin;
        if (regularFaceWeight > 0) {
            l = RegularisedLoss.builder().setLoss(l).setCentres(head.getCentres()).setWeight(regularFaceWeight).build();
        }
        return l;
    }

    /**
     * The figures of a forward pass.
     *
     * @param loss the batch's loss (shard losses weighted by shard size)
     * @param correct the rows whose own class has the highest cosine; −1 when the margin head was not evaluated (an
     *     objective alone, e.g. distillation without labels), so the step has no training accuracy
     */
    record Forward(double loss, long correct) {}

    /**
     * Inside a gradient recording, splits the batch into one shard per device (at most one per 2 rows),
     * runs the network (training mode) and the head on each, evaluates the loss, combines the shard
     * losses weighted by shard size and back-propagates (gradients of all shards reach the master
     * parameters).
     *
     * @param batch the step's images and labels (on the host)
     * @param input the model's input convention ({@code [N, C, H, W]})
     * @param channelsLast whether the images go to the network in channels-last memory format
     * @param loss the training loss
     * @param stepManager the step's manager
     * @param step the step (for messages)
     * @param lr the step's learning rate (for messages)
     * @param lastCheckpoint the last checkpoint (for messages)
     * @return the loss and the correct count
     * @throws NonFiniteLossException if the loss is NaN or infinite (before back-propagation)
     */
    Forward forwardBackward(HostBatch batch, ModelInput input, boolean channelsLast, Loss loss, NDManager stepManager, long step,
                            double lr, Path lastCheckpoint) {
        int n = batch.size();
        NDArray pixels = stepManager.create(batch.pixels(), new Shape(n, input.channels(), input.height(), input.width()));
        NDArray x = channelsLast ? MemoryFormats.channelsLast(pixels) : pixels;
        NDArray y = stepManager.create(batch.labels());
        int shards = Math.max(1, Math.min(devices.length, n / 2));
        Device[] shardDevices = Arrays.copyOf(devices, shards);
        ScopedParameterStore ps = new ScopedParameterStore(stepManager, shardDevices);
        long correct = 0;
        boolean headUsed = objective == null || objective.marginWeight() > 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (int s = 0; s < shards; s++) {
                ps.useShard(s);
                int from = (int) ((long) n * s / shards);
                int to = (int) ((long) n * (s + 1) / shards);
                NDIndex range = new NDIndex(from + ":" + to);
                NDArray xs = shards == 1 ? x : x.get(range).toDevice(shardDevices[s], false);
                NDArray ys = shards == 1 ? y : y.get(range).toDevice(shardDevices[s], false);
                NDList embeddings = network.block().forward(ps, new NDList(xs), true);
                NDArray shardLoss = objective == null ? null : objective.loss(embeddings.singletonOrThrow(), batch, from, to, stepManager);
                if (objective == null || objective.marginWeight() > 0) {
                    NDList predictions = headBlock.forward(ps, embeddings, new NDList(ys), null);
                    NDArray margin = loss.evaluate(new NDList(ys), predictions);
                    correct += correctCount(predictions, ys);
                    shardLoss = shardLoss == null ? margin : shardLoss.add(ScalarOps.mul(margin, objective.marginWeight()));
                }
                NDArray weighted = shards == 1 ? shardLoss : ScalarOps.mul(shardLoss, (double) (to - from) / n).toDevice(devices[0], false);
                total = total == null ? weighted : total.add(weighted);
            }
            double lossValue = total.toType(DataType.FLOAT64, false).getDouble();
            if (!Double.isFinite(lossValue)) {
                throw new NonFiniteLossException("loss is " + lossValue, step, lr, lastCheckpoint);
            }
            collector.backward(total);
            return new Forward(lossValue, headUsed ? correct : -1);
        }
    }

    /**
     * @param predictions the head's outputs (cosines; Partial FC's local labels when sampled)
     * @param labels the batch's labels
     * @return how many rows have their own class as the highest cosine
     */
    private static long correctCount(NDList predictions, NDArray labels) {
        NDArray cosine = predictions.get(MarginHead.COSINE);
        NDArray target = predictions.size() > PartialFcHead.LOCAL_LABELS ? predictions.get(PartialFcHead.LOCAL_LABELS) : labels;
        NDArray predicted = cosine.argMax(1).toType(DataType.INT64, false);
        return predicted.eq(target.toType(DataType.INT64, false)).sum().toType(DataType.INT64, false).getLong();
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
}
