package io.polyface.train.distill;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SampleOrder;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.export.OnnxModelExport;
import io.polyface.train.loop.MetricsLog;
import io.polyface.train.loop.ProgressBarListener;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainerBuilder;
import io.polyface.train.loop.TrainingConfig;
import io.polyface.train.loop.TrainingListener;
import io.polyface.train.loop.TrainingSummary;
import io.polyface.train.stop.StopRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Distils an ONNX teacher into a student architecture with the project's {@link Trainer} (its step loop, SGD,
 * schedule, checkpoints with exact resume, batch-norm recalibration, stop requests) and a
 * {@link DistillationObjective} in place of (or besides) the margin loss:
 * <ol>
 *   <li>with a detector, the training images are aligned once as at inference ({@link AlignedFaces}, cached in
 *       {@code out/aligned});</li>
 *   <li>the last {@code K} identities are held out ({@link IdentitySplit});</li>
 *   <li>the student trains against the teacher's embeddings of the crops it sees ({@link TeacherTargets}), or of the
 *       un-augmented images with the cache ({@link TeacherCache}, {@code out/teacher-cache});</li>
 *   <li>the student network alone (no projection) is exported to {@code out/model.onnx} with its preprocessing and the
 *       distillation's provenance in the metadata;</li>
 *   <li>with held-out identities, the exported student and the teacher are compared through ONNX Runtime on the same
 *       all pairs ({@link HeldOutComparison}).</li>
 * </ol>
 * Build with {@link #builder()}; the caller owns (and closes) the teacher, the data and the detector.
 */
public final class DistillationRun {

    /** Default target FARs of the held-out comparison. */
    public static final List<Double> FARS = List.of(0.1, 0.01, 0.001);

    /**
     * Processors from which the teacher runs ahead on its own thread by default: one for it, at least two for the
     * student's engine and one for the batch loader. On 2 cores the teacher and the student would only take turns on the
     * same cores (measured on a shared 2-core machine: no gain; README, Distillation).
     */
    public static final int PREFETCH_MIN_PROCESSORS = 4;

    private final Builder b;

    /** @return whether the teacher runs ahead by default here: at least {@value #PREFETCH_MIN_PROCESSORS} processors */
    public static boolean defaultPrefetch() {
        return Runtime.getRuntime().availableProcessors() >= PREFETCH_MIN_PROCESSORS;
    }


    private DistillationRun(Builder b) {
        this.b = b;
    }

    /** @return a builder; {@code setTeacher}, {@code setData}, {@code setStudent}, {@code setOutput} and a length are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs (or resumes) the distillation.
     *
     * @return what was done; {@link DistillationResult#model()} is null when the stop request ended the run early
     * @throws IllegalArgumentException for bad settings or data (naming the argument), e.g. no face in any image, a
     *     held-out split of unlabelled data, checkpoints of other settings
     * @throws IOException if data cannot be read or outputs cannot be written
     */
    public DistillationResult run() throws IOException {
        if (b.kdLosses.contains(KdLoss.PROXYLESS)) { // before the (slow) alignment
            if (b.classifier == null) {
                throw new IllegalArgumentException("--kd-loss proxyless: needs a PolyFace checkpoint as --teacher (a 'polyface train --out' "
                        + "folder, for its class centres); " + b.teacher.modelPath() + " is an ONNX model");
            }
            if (b.unlabelled) {
                throw new IllegalArgumentException("--kd-loss proxyless: needs labelled --data naming the teacher's classes, not --unlabelled");
            }
        }
        FaceDataset data = b.data;
        List<String> noFace = List.of();
        if (b.detector != null) {
            AlignedFaces.Result aligned = AlignedFaces.prepare(b.data, b.detector, b.out.resolve("aligned"), b.strict);
            noFace = aligned.noFace();
            noFace.forEach(f -> b.log.accept("no face found, left out: " + f));
            data = aligned.dataset();
        }
        if (b.unlabelled && b.holdoutIds > 0) {
            throw new IllegalArgumentException("--holdout-ids " + b.holdoutIds + ": unlabelled data has no identities to hold out; use 0");
        }
        IdentitySplit split = IdentitySplit.holdOutLast(data, b.holdoutIds);
        FaceDataset train = split.train();
        ModelInput input = ModelInput.of(b.student);
        long steps = b.steps > 0 ? b.steps : b.epochs * new SampleOrder(train.size(), b.batch, b.seed).stepsPerEpoch();
        TrainingConfig config = TrainingConfig.builder().setSpec(b.student).setSteps(steps).optBatchSize(b.batch)
                .optLoss(b.marginLoss).optLearningRate(b.learningRate).optWeightDecay(b.weightDecay).optSeed(b.seed)
                .optAugmentation(AugmentationPipeline.parse(b.augmentation)).optWorkers(b.workers).optStrict(b.strict)
                .optEvalFars(FARS).optCheckpointEvery(b.checkpointEvery).build();
        TeacherCache cache = b.teacherCache ? TeacherCache.open(b.out.resolve("teacher-cache"), b.teacher.sha256(), b.teacher.embeddingSize())
                : null;
        ProxylessKd proxyless = b.kdLosses.contains(KdLoss.PROXYLESS) ? new ProxylessKd(b.classifier, train.labels()) : null;
        boolean targets = b.kdLosses.stream().anyMatch(l -> l != KdLoss.PROXYLESS);
        DistillationObjective objective = new DistillationObjective(new TeacherTargets(b.teacher, input, train, cache, b.prefetch && targets),
                b.kdLosses, b.kdWeight, b.unlabelled ? 0 : b.marginWeight, proxyless);
        TrainerBuilder tb = Trainer.builder().setConfig(config).setTrainingSet(train).optOutputDir(b.out).optResume(b.resume)
                .optStopRequest(b.stop).optObjective(objective);
        if (split.heldOut() != null) {
            tb.optHeldOutSet(split.heldOut());
        }
        if (b.teacherShape != null) {
            tb.optInitialModel(b.teacher.modelPath(), b.teacherShape);
        }
        long flops = FlopsCounter.count(b.student).flops(Convention.LFR);
        try (Trainer trainer = tb.build();
             MetricsLog metrics = new MetricsLog(b.out.resolve("metrics.jsonl"), trainer.currentStep(), 1, steps);
             ProgressBarListener bar = b.progress == null ? null : new ProgressBarListener(b.progress, trainer.currentStep(), steps)) {
            trainer.warnings().forEach(b.log);
            trainer.addListener(metrics);
            if (bar != null) {
                trainer.addListener(bar);
            }
            b.listeners.forEach(trainer::addListener);
            b.log.accept(train.description() + "; student " + b.student.name() + " (" + flops + " FLOPs, LFR rule), teacher "
                    + b.teacher.modelPath().getFileName() + " (" + b.teacher.embeddingSize() + "-d); " + steps + " steps"
                    + (objective.prefetches() ? "; the teacher runs a batch ahead on its own thread" : "")
                    + (trainer.currentStep() > 0 ? "; resuming at step " + trainer.currentStep() : ""));
            TrainingSummary summary = trainer.train();
            if (bar != null) {
                bar.close();
            }
            if (cache != null) {
                cache.save();
            }
            if (b.stop.isRequested() && summary.steps() < steps) {
                return new DistillationResult(summary, null, null, null, flops, noFace, split.counts(), objective.describe());
            }
            Path onnx = b.out.resolve("model.onnx");
            Map<String, String> options = new LinkedHashMap<>();
            objective.describe().forEach((k, v) -> options.put(k, String.valueOf(v)));
            options.put("teacher", b.teacher.modelPath().getFileName().toString());
            options.put("teacher_sha256", b.teacher.sha256());
            if (b.classifier != null) {
                options.put("teacher_checkpoint", b.classifier.checkpoint().toString());
            }
            options.put("align", b.detector == null ? "none" : "yunet");
            options.put("student_init", b.teacherShape == null ? "scratch" : "teacher");
            Map<String, Object> training = OnnxModelExport.training(summary.steps(), "distillation", options, b.seed,
                    train.labels().size(), train.description(), summary.lastCheckpoint(), config.bnRecalibrationBatches());
            OnnxModelExport.export(trainer.network(), input.resize().toMetadata(), training, onnx);
            EvaluationResult student = null;
            EvaluationResult teacher = null;
            if (split.heldOut() != null) {
                student = HeldOutComparison.evaluate(split.heldOut(), onnx, "held-out student", summary.steps(), FARS);
                teacher = HeldOutComparison.evaluate(split.heldOut(), b.teacher::embed, b.teacher.preprocessing(), "held-out teacher",
                        summary.steps(), FARS);
            }
            return new DistillationResult(summary, onnx, student, teacher, flops, noFace, split.counts(), objective.describe());
        }
    }

    /** Builder of a {@link DistillationRun}. */
    public static final class Builder {
        private OnnxTeacher teacher;
        private FaceDataset data;
        private boolean unlabelled;
        private ArchSpec student;
        private ArchSpec teacherShape;
        private Path out;
        private YuNetDetector detector;
        private List<KdLoss> kdLosses = List.of(KdLoss.ANGULAR);
        private double kdWeight = 1;
        private String marginLoss = "arcnegface";
        private double marginWeight;
        private long steps;
        private long epochs;
        private int batch = 64;
        private double learningRate = 0.1;
        private double weightDecay = 5e-4;
        private String augmentation = "flip";
        private int holdoutIds;
        private long seed;
        private boolean resume;
        private boolean teacherCache;
        private CheckpointTeacher classifier;
        private boolean prefetch = defaultPrefetch();
        private boolean strict;
        private long checkpointEvery;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        private StopRequest stop = new StopRequest();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Consumer<String> log = s -> { };
        private PrintStream progress;

        private Builder() {}

        /** @param teacher the teacher (required) @return this */
        public Builder setTeacher(OnnxTeacher teacher) {
            this.teacher = teacher;
            return this;
        }

        /**
         * @param data the training images (required): labelled, or {@link io.polyface.train.data.UnlabelledImages}
         * @param unlabelled whether the labels are to be ignored (distillation losses alone)
         * @return this
         */
        public Builder setData(FaceDataset data, boolean unlabelled) {
            this.data = data;
            this.unlabelled = unlabelled;
            return this;
        }

        /**
         * @param classifier the teacher's checkpoint, when the teacher is a PolyFace checkpoint ({@link #setTeacher} then
         *     being its exported network): its frozen class centres for {@link KdLoss#PROXYLESS}
         * @return this
         */
        public Builder optCheckpointTeacher(CheckpointTeacher classifier) {
            this.classifier = classifier;
            return this;
        }

        /** @param student the student architecture (required) @return this */
        public Builder setStudent(ArchSpec student) {
            this.student = student;
            return this;
        }

        /**
         * @param teacherShape the student's architecture at the teacher's input size, as the teacher imports: the
         *     student starts from the teacher's weights ({@link TeacherShapedStudent}); null (default): from scratch
         * @return this
         */
        public Builder optStudentFromTeacher(ArchSpec teacherShape) {
            this.teacherShape = teacherShape;
            return this;
        }

        /** @param out the output folder: checkpoints, metrics, aligned crops, cache, model.onnx (required) @return this */
        public Builder setOutput(Path out) {
            this.out = out;
            return this;
        }

        /** @param detector YuNet to align the training images once, as at inference (null: images used as they are) @return this */
        public Builder optDetector(YuNetDetector detector) {
            this.detector = detector;
            return this;
        }

        /** @param losses the distillation terms (default angular) @param weight their weight (default 1) @return this */
        public Builder optKd(List<KdLoss> losses, double weight) {
            this.kdLosses = List.copyOf(losses);
            this.kdWeight = weight;
            return this;
        }

        /** @param loss a margin loss of polyface-losses @param weight its weight λ (0: not used; default 0) @return this */
        public Builder optMarginLoss(String loss, double weight) {
            this.marginLoss = Objects.requireNonNull(loss, "loss");
            this.marginWeight = weight;
            return this;
        }

        /** @param steps the run's steps (or use {@link #optEpochs}) @return this */
        public Builder optSteps(long steps) {
            this.steps = steps;
            return this;
        }

        /** @param epochs the run's epochs over the training part @return this */
        public Builder optEpochs(long epochs) {
            this.epochs = epochs;
            return this;
        }

        /** @param batch images per step (default 64) @param learningRate the base rate (default 0.1, cosine schedule) @return this */
        public Builder optBatch(int batch, double learningRate) {
            this.batch = batch;
            this.learningRate = learningRate;
            return this;
        }

        /** @param weightDecay SGD weight decay (default 5e-4) @return this */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** @param augmentation the training augmentations ({@link AugmentationPipeline#parse}; default flip) @return this */
        public Builder optAugmentation(String augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** @param holdoutIds identities held out for the comparison (default 0) @return this */
        public Builder optHoldoutIds(int holdoutIds) {
            this.holdoutIds = holdoutIds;
            return this;
        }

        /** @param seed the run's seed @param resume continue from the output folder's latest checkpoint @return this */
        public Builder optSeed(long seed, boolean resume) {
            this.seed = seed;
            this.resume = resume;
            return this;
        }

        /** @param teacherCache cache the teacher's embeddings of the un-augmented images (default off) @return this */
        public Builder optTeacherCache(boolean teacherCache) {
            this.teacherCache = teacherCache;
            return this;
        }

        /**
         * @param prefetch without the cache, run the teacher on batch {@code k + 1} on its own thread while the student
         *     trains on batch {@code k} ({@link TeacherTargets}; the same targets either way). Default:
         *     {@link #defaultPrefetch()}
         * @return this
         */
        public Builder optTeacherPrefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** @param strict fail on an image without a face or a corrupt image, naming it @return this */
        public Builder optStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** @param every checkpoint every so many steps (0: at the end) @param workers loader threads @return this */
        public Builder optCheckpoints(long every, int workers) {
            this.checkpointEvery = every;
            this.workers = workers;
            return this;
        }

        /** @param stop polled at each step boundary (Ctrl-C) @return this */
        public Builder optStopRequest(StopRequest stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
            return this;
        }

        /** @param listener receives the trainer's events (metrics log, progress bar) @return this */
        public Builder addListener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /** @param progress where a progress bar goes (null: none) @return this */
        public Builder optProgress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        /** @param log receives one-line notes (no-face images, warnings, the run's outline) @return this */
        public Builder optLog(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * @return the run
         * @throws IllegalArgumentException naming the setting if one is missing or out of range
         */
        public DistillationRun build() {
            if (teacher == null || data == null || student == null || out == null) {
                throw new IllegalArgumentException("DistillationRun needs setTeacher, setData, setStudent and setOutput");
            }
            if ((steps > 0) == (epochs > 0)) {
                throw new IllegalArgumentException("give exactly one of --steps and --epochs (> 0), got steps=" + steps + ", epochs=" + epochs);
            }
            if (data.size() == 0) {
                throw new IllegalArgumentException("--data " + data.description() + ": no image");
            }
            return new DistillationRun(this);
        }
    }
}
