package io.polyface.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.CostReport;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.util.OrderedMaps;
import io.polyface.train.checkpoint.CheckpointMetadata;
import io.polyface.train.checkpoint.CodeVersion;
import io.polyface.train.checkpoint.ProvenanceSource;
import io.polyface.train.data.LabelMap;
import io.polyface.train.data.ModelInput;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.optim.Sgd;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint metadata of a trainer's current state (how the model was made and where the run stands),
 * and the check that a checkpoint can be resumed by a run with a given configuration.
 */
final class RunMetadata {

    private RunMetadata() {}

    /**
     * @param t a trainer's values now
     * @return its checkpoint metadata
     */
    static CheckpointMetadata describe(RunSnapshot t) {
        TrainingConfig config = t.config();
        ModelInput input = ModelInput.of(config.spec());
        Map<String, Object> in = OrderedMaps.of("shape", List.of(input.channels(), input.height(), input.width()),
                "resize", input.resize().toMetadata(), "channel_order", input.normalization().channelOrder().name(),
                "mean", config.spec().mean(), "std", config.spec().std(),
                "normalisation", "(pixel - mean) / std, pixel in 0..255, planes in channel_order");

        Map<String, Object> opt = OrderedMaps.of("kind", "sgd", "class", Sgd.class.getName(),
                "learning_rate", config.learningRate(), "momentum", config.momentum(), "nesterov", config.nesterov(),
                "weight_decay", config.weightDecay(),
                "weight_decay_rule", "conv/linear weights and class centres only; none on biases, batch-norm and PReLU",
                "backbone_lr_multiplier", config.backboneLearningRateMultiplier(),
                "head_lr_multiplier", config.headLearningRateMultiplier(),
                "gradient_clip_norm", config.gradientClipNorm());

        Map<String, Object> run = OrderedMaps.of("batch_size", config.batchSize(), "total_steps", config.steps(),
                "steps_per_epoch", t.stepsPerEpoch(), "data", t.data(), "images", t.images(),
                "classes", t.labels().size(), "held_out", t.heldOut(), "augmentation", config.augmentation().describe(),
                "devices", config.devices().stream().map(Device::toString).toList());
        run.put("memory_plan", Map.of("sample_rate", t.memoryPlan().sampleRate(), "switched_to_partial_fc", t.memoryPlan().switchedToPartialFc(),
                "budget_bytes", t.memoryPlan().budgetBytes(), "estimate", t.memoryPlan().estimate().toMetadata()));
        run.put("corrupt_images", t.corruptImages());
        run.put("fine_tuning", t.fineTuning());
        run.put("bn_recalibration_batches", config.bnRecalibrationBatches());
        run.put("channels_last", config.channelsLast());

        CostReport cost = FlopsCounter.count(config.spec());
        Map<String, Object> prov = OrderedMaps.of("created", Instant.now().toString(),
                "trainer", Trainer.class.getName(), "polyface_version", CodeVersion.current(),
                "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "djl_version", Engine.getDjlVersion(),
                "engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
                "lfr_flops", cost.flops(Convention.LFR), "params", cost.params(),
                "resumed_from", t.resumedFrom() == null ? null : t.resumedFrom().toString());
        if (t.runProvenance() != null) {
            prov.put(ProvenanceSource.KEY, t.runProvenance());
        }

        Map<String, Object> metrics = new LinkedHashMap<>();
        StepResult lastStep = t.lastStep();
        if (lastStep != null) {
            metrics.put("loss", lastStep.loss());
            metrics.put("accuracy", Double.isNaN(lastStep.accuracy()) ? null : lastStep.accuracy());
            metrics.put("learning_rate", lastStep.learningRate());
        }
        for (EvaluationResult e : t.evaluations()) {
            metrics.put("tar/" + e.set(), e.tarByFar());
        }
        return new CheckpointMetadata(t.step(), t.step() / t.stepsPerEpoch(), config.seed(), config.spec(), config.loss(), config.lossOptions(),
                t.lossState(), config.regularFaceWeight(), t.memoryPlan().sampleRate(), t.labels(), in, opt, t.schedule(), run, prov, metrics);
    }

    /**
     * @param m a checkpoint's metadata
     * @return the loss of its last step, NaN if it recorded none
     */
    static double loss(CheckpointMetadata m) {
        return m.metrics().get("loss") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Checks that a checkpoint was made by a run with the same settings.
     *
     * @param m the checkpoint's metadata
     * @param config this run's configuration
     * @param labels this run's training label map
     * @param sampleRate this run's Partial FC rate
     * @param outputDir the run's folder, for messages
     * @throws IllegalArgumentException naming the first setting that differs
     */
    static void checkCompatible(CheckpointMetadata m, TrainingConfig config, LabelMap labels, double sampleRate, Path outputDir) {
        String from = "cannot resume from step " + m.step() + " of " + outputDir + ": ";
        if (!ArchSpecJson.toJson(m.spec()).equals(ArchSpecJson.toJson(config.spec()))) {
            throw new IllegalArgumentException(from + "its architecture (" + m.spec().name() + ") differs from this run's ("
                    + config.spec().name() + ")");
        }
        check(from, "loss", m.loss(), config.loss());
        check(from, "loss options", m.lossOptions(), config.lossOptions());
        check(from, "seed", m.seed(), config.seed());
        check(from, "label map (identities)", m.labels(), labels);
        check(from, "batch size", m.run().get("batch_size"), config.batchSize());
        check(from, "total steps", ((Number) m.run().get("total_steps")).longValue(), config.steps());
        check(from, "RegularFace weight", m.regularFaceWeight(), config.regularFaceWeight());
        check(from, "Partial FC sample rate", m.partialFcSampleRate(), sampleRate);
        if (m.step() > config.steps()) {
            throw new IllegalArgumentException(from + "it is past the run's " + config.steps() + " steps");
        }
    }

    private static void check(String from, String what, Object saved, Object now) {
        if (!String.valueOf(saved).equals(String.valueOf(now))) {
            throw new IllegalArgumentException(from + "its " + what + " is " + saved + ", this run's is " + now
                    + " (resume with the same settings, or use another --out folder)");
        }
    }
}
