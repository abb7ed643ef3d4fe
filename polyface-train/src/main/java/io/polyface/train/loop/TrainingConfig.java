package io.polyface.train.loop;

import ai.djl.Device;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.util.Checks;
import io.polyface.losses.margin.MarginLosses;
import io.polyface.train.augment.AugmentationPipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines a training run, immutable; build with {@link #builder()}, or from a recipe file
 * with {@code io.polyface.train.recipe.Recipe.toConfig}. The builder's defaults follow InsightFace's recognition recipes
 * where they apply: SGD momentum 0.9, weight decay 5e-4, horizontal flip, batch 64, the loss's own scale and margin. The
 * shipped {@code small-data} recipe ({@code train}'s defaults) departs from them where measured on small data: batch 32,
 * margin 0.3 and a scale from the class count ({@code io.polyface.train.recipe.ScaleRule}), with a 512-d embedding.
 *
 * @param spec the architecture (its training graph must output the embedding {@code [N, d]})
 * @param loss the margin loss name, one of {@link MarginLosses#NAMES}
 * @param lossOptions the loss's options ({@code MarginLosses.create}); {@code label-smoothing} sets ε
 * @param regularFaceWeight RegularFace's λ (0 = off)
 * @param partialFcSampleRate Partial FC's fraction of negatives (1 = full softmax)
 * @param partialFcAuto whether the memory planner may switch to (or lower) Partial FC to fit the budget
 * @param memoryBudgetBytes the classifier's memory budget in bytes (0 = half the device's memory)
 * @param batchSize images per step (over all devices), ≥ 2
 * @param steps total steps of the run, ≥ 1 (the schedule spans them)
 * @param learningRate the base learning rate η₀
 * @param backboneLearningRateMultiplier factor on η for the backbone (anchor fine-tuning: below 1)
 * @param headLearningRateMultiplier factor on η for the class centres
 * @param momentum SGD momentum μ
 * @param weightDecay L2 weight decay λ_wd (conv/linear weights and centres only)
 * @param nesterov Nesterov momentum
 * @param schedule {@code constant}, {@code step}, {@code cosine} or {@code poly}
 * @param warmupSteps linear warm-up steps (0 = none)
 * @param milestones steps of {@code step} decay (empty = 60% and 85% of the run)
 * @param gamma factor per milestone of {@code step} decay
 * @param power exponent of {@code poly} decay
 * @param minLearningRateFactor floor of {@code cosine} and {@code poly} as a fraction of η₀
 * @param gradientClipNorm global-norm clipping threshold (0 = off)
 * @param seed the run's seed; every random draw derives from it
 * @param devices the devices (data parallelism over several); the first holds the master parameters
 * @param augmentation training augmentations
 * @param workers decode/augment worker threads
 * @param strict fail on the first corrupt image instead of skipping it
 * @param checkpointEvery checkpoint every so many steps (0 = only at the end; needs an output folder)
 * @param keepCheckpoints how many checkpoints to keep
 * @param evalEvery evaluate on the held-out identities every so many steps (0 = only at the end)
 * @param evalFars target FARs of the held-out verification
 * @param bnRecalibrationBatches batches used to recompute batch-norm running statistics before each
 *     evaluation and the final checkpoint ({@link BatchNormRecalibration}; 0 = off)
 * @param channelsLast run the network on channels-last (NHWC) batches ({@link io.polyface.core.nn.MemoryFormats});
 *     the same function, faster CPU convolutions, rounding differs from NCHW
 */
public record TrainingConfig(ArchSpec spec, String loss, Map<String, String> lossOptions, double regularFaceWeight,
                             double partialFcSampleRate, boolean partialFcAuto, long memoryBudgetBytes, int batchSize, long steps,
                             double learningRate, double backboneLearningRateMultiplier, double headLearningRateMultiplier,
                             double momentum, double weightDecay, boolean nesterov, String schedule, long warmupSteps,
                             long[] milestones, double gamma, double power, double minLearningRateFactor,
                             double gradientClipNorm, long seed, List<Device> devices, AugmentationPipeline augmentation,
                             int workers, boolean strict, long checkpointEvery, int keepCheckpoints, long evalEvery,
                             List<Double> evalFars, int bnRecalibrationBatches, boolean channelsLast) {

    /** Copies the collections. */
    public TrainingConfig {
        lossOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lossOptions));
        milestones = milestones.clone();
        devices = List.copyOf(devices);
        evalFars = List.copyOf(evalFars);
    }

    @Override
    public long[] milestones() {
        return milestones.clone();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.spec = spec;
        b.loss = loss;
        b.lossOptions = new LinkedHashMap<>(lossOptions);
        b.regularFaceWeight = regularFaceWeight;
        b.partialFcSampleRate = partialFcSampleRate;
        b.partialFcAuto = partialFcAuto;
        b.memoryBudgetBytes = memoryBudgetBytes;
        b.batchSize = batchSize;
        b.steps = steps;
        b.learningRate = learningRate;
        b.backboneMultiplier = backboneLearningRateMultiplier;
        b.headMultiplier = headLearningRateMultiplier;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.nesterov = nesterov;
        b.schedule = schedule;
        b.warmupSteps = warmupSteps;
        b.milestones = milestones.clone();
        b.gamma = gamma;
        b.power = power;
        b.minFactor = minLearningRateFactor;
        b.clip = gradientClipNorm;
        b.seed = seed;
        b.devices = devices;
        b.augmentation = augmentation;
        b.workers = workers;
        b.strict = strict;
        b.checkpointEvery = checkpointEvery;
        b.keepCheckpoints = keepCheckpoints;
        b.evalEvery = evalEvery;
        b.evalFars = evalFars;
        b.bnRecalibrationBatches = bnRecalibrationBatches;
        b.channelsLast = channelsLast;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && c.spec.equals(spec) && c.loss.equals(loss) && c.lossOptions.equals(lossOptions)
                && c.regularFaceWeight == regularFaceWeight && c.partialFcSampleRate == partialFcSampleRate
                && c.partialFcAuto == partialFcAuto && c.memoryBudgetBytes == memoryBudgetBytes && c.batchSize == batchSize
                && c.steps == steps && c.learningRate == learningRate
                && c.backboneLearningRateMultiplier == backboneLearningRateMultiplier
                && c.headLearningRateMultiplier == headLearningRateMultiplier && c.momentum == momentum
                && c.weightDecay == weightDecay && c.nesterov == nesterov && c.schedule.equals(schedule)
                && c.warmupSteps == warmupSteps && Arrays.equals(c.milestones, milestones) && c.gamma == gamma && c.power == power
                && c.minLearningRateFactor == minLearningRateFactor && c.gradientClipNorm == gradientClipNorm && c.seed == seed
                && c.devices.equals(devices) && c.augmentation.equals(augmentation) && c.workers == workers && c.strict == strict
                && c.checkpointEvery == checkpointEvery && c.keepCheckpoints == keepCheckpoints && c.evalEvery == evalEvery
                && c.evalFars.equals(evalFars) && c.bnRecalibrationBatches == bnRecalibrationBatches
                && c.channelsLast == channelsLast;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(spec, loss, lossOptions, batchSize, steps, learningRate, seed, Arrays.hashCode(milestones));
    }

    @Override
    public String toString() {
        return "TrainingConfig[spec=" + spec.name() + ", loss=" + loss + lossOptions + ", regularFace=" + regularFaceWeight
                + ", partialFc=" + partialFcSampleRate + (partialFcAuto ? " (auto)" : "") + ", budget=" + memoryBudgetBytes
                + ", batch=" + batchSize + ", steps=" + steps + ", lr=" + learningRate + " x" + backboneLearningRateMultiplier
                + "/x" + headLearningRateMultiplier + ", momentum=" + momentum + ", wd=" + weightDecay + ", nesterov=" + nesterov
                + ", schedule=" + schedule + " warmup " + warmupSteps + " milestones " + Arrays.toString(milestones)
                + " gamma " + gamma + " power " + power + " min " + minLearningRateFactor + ", clip=" + gradientClipNorm
                + ", seed=" + seed + ", devices=" + devices + ", augmentation=" + augmentation.describe() + ", workers=" + workers
                + ", strict=" + strict + ", checkpointEvery=" + checkpointEvery + ", keep=" + keepCheckpoints
                + ", evalEvery=" + evalEvery + ", fars=" + evalFars + ", bnRecalibration=" + bnRecalibrationBatches
                + ", channelsLast=" + channelsLast + "]";
    }

    /** Builder; {@code setSpec} and {@code setSteps} are required. */
    public static final class Builder {
        private ArchSpec spec;
        private String loss = "arcnegface";
        private Map<String, String> lossOptions = new LinkedHashMap<>();
        private double regularFaceWeight;
        private double partialFcSampleRate = 1;
        private boolean partialFcAuto;
        private long memoryBudgetBytes;
        private int batchSize = 64;
        private long steps;
        private double learningRate = 0.1;
        private double backboneMultiplier = 1;
        private double headMultiplier = 1;
        private double momentum = 0.9;
        private double weightDecay = 5e-4;
        private boolean nesterov;
        private String schedule = "cosine";
        private long warmupSteps;
        private long[] milestones = new long[0];
        private double gamma = 0.1;
        private double power = 2;
        private double minFactor;
        private double clip;
        private long seed;
        private List<Device> devices = List.of(Device.cpu());
        private AugmentationPipeline augmentation = AugmentationPipeline.parse("flip");
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        private boolean strict;
        private boolean channelsLast = true;
        private long checkpointEvery;
        private int keepCheckpoints = 3;
        private long evalEvery;
        private List<Double> evalFars = List.of(1e-1, 1e-2, 1e-3);
        private int bnRecalibrationBatches = 16;

        Builder() {}

        /**
         * @param spec the architecture (required)
         * @return this
         */
        public Builder setSpec(ArchSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * @param steps total steps (required, ≥ 1)
         * @return this
         */
        public Builder setSteps(long steps) {
            this.steps = steps;
            return this;
        }

        /**
         * @param loss a {@link MarginLosses} name (default arcnegface)
         * @return this
         */
        public Builder optLoss(String loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param options the loss's options, e.g. {@code scale=32} (default none)
         * @return this
         */
        public Builder optLossOptions(Map<String, String> options) {
            this.lossOptions = new LinkedHashMap<>(options);
            return this;
        }

        /**
         * @param weight RegularFace's λ (default 0 = off)
         * @return this
         */
        public Builder optRegularFaceWeight(double weight) {
            this.regularFaceWeight = weight;
            return this;
        }

        /**
         * @param rate Partial FC's fraction of negatives (default 1 = off)
         * @return this
         */
        public Builder optPartialFcSampleRate(double rate) {
            this.partialFcSampleRate = rate;
            return this;
        }

        /**
         * @param auto let the memory planner switch to Partial FC (default false: refuse)
         * @return this
         */
        public Builder optPartialFcAuto(boolean auto) {
            this.partialFcAuto = auto;
            return this;
        }

        /**
         * @param bytes the classifier's memory budget (default 0 = half the device memory)
         * @return this
         */
        public Builder optMemoryBudgetBytes(long bytes) {
            this.memoryBudgetBytes = bytes;
            return this;
        }

        /**
         * @param batchSize images per step, ≥ 2 (default 64)
         * @return this
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param learningRate base rate η₀ (default 0.1)
         * @return this
         */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param multiplier factor on η for the backbone (default 1)
         * @return this
         */
        public Builder optBackboneLearningRateMultiplier(double multiplier) {
            this.backboneMultiplier = multiplier;
            return this;
        }

        /**
         * @param multiplier factor on η for the class centres (default 1)
         * @return this
         */
        public Builder optHeadLearningRateMultiplier(double multiplier) {
            this.headMultiplier = multiplier;
            return this;
        }

        /**
         * @param momentum μ (default 0.9)
         * @return this
         */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * @param weightDecay λ_wd (default 5e-4)
         * @return this
         */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * @param nesterov Nesterov momentum (default false)
         * @return this
         */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * @param schedule constant, step, cosine or poly (default cosine)
         * @return this
         */
        public Builder optSchedule(String schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * @param warmupSteps linear warm-up steps (default 0)
         * @return this
         */
        public Builder optWarmupSteps(long warmupSteps) {
            this.warmupSteps = warmupSteps;
            return this;
        }

        /**
         * @param milestones step-decay milestones (default: 60% and 85% of the run)
         * @return this
         */
        public Builder optMilestones(long... milestones) {
            this.milestones = milestones.clone();
            return this;
        }

        /**
         * @param gamma step-decay factor (default 0.1)
         * @return this
         */
        public Builder optGamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /**
         * @param power polynomial-decay exponent (default 2)
         * @return this
         */
        public Builder optPower(double power) {
            this.power = power;
            return this;
        }

        /**
         * @param minFactor floor of cosine/poly decay (default 0)
         * @return this
         */
        public Builder optMinLearningRateFactor(double minFactor) {
            this.minFactor = minFactor;
            return this;
        }

        /**
         * @param maxNorm global-norm clipping threshold (default 0 = off)
         * @return this
         */
        public Builder optGradientClipNorm(double maxNorm) {
            this.clip = maxNorm;
            return this;
        }

        /**
         * @param seed the run's seed (default 0)
         * @return this
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param devices the devices (default: the CPU)
         * @return this
         */
        public Builder optDevices(List<Device> devices) {
            this.devices = List.copyOf(devices);
            return this;
        }

        /**
         * @param augmentation the augmentations (default: flip)
         * @return this
         */
        public Builder optAugmentation(AugmentationPipeline augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * @param workers loader threads (default: processors − 1)
         * @return this
         */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * @param strict fail on the first corrupt image (default false)
         * @return this
         */
        public Builder optStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * @param channelsLast run the network on channels-last (NHWC) batches (default true: faster CPU
         *     convolutions; false keeps PyTorch's default NCHW layout)
         * @return this
         */
        public Builder optChannelsLast(boolean channelsLast) {
            this.channelsLast = channelsLast;
            return this;
        }

        /**
         * @param every checkpoint period in steps (default 0 = end only)
         * @return this
         */
        public Builder optCheckpointEvery(long every) {
            this.checkpointEvery = every;
            return this;
        }

        /**
         * @param keep checkpoints kept (default 3)
         * @return this
         */
        public Builder optKeepCheckpoints(int keep) {
            this.keepCheckpoints = keep;
            return this;
        }

        /**
         * @param every evaluation period in steps (default 0 = end only)
         * @return this
         */
        public Builder optEvalEvery(long every) {
            this.evalEvery = every;
            return this;
        }

        /**
         * @param fars target FARs of held-out verification (default 1e-1, 1e-2, 1e-3)
         * @return this
         */
        public Builder optEvalFars(List<Double> fars) {
            this.evalFars = List.copyOf(fars);
            return this;
        }

        /**
         * @param batches batches for recomputing batch-norm statistics before evaluations and the final
         *     checkpoint (default 16; 0 = keep the training-time moving averages)
         * @return this
         */
        public Builder optBnRecalibrationBatches(int batches) {
            this.bnRecalibrationBatches = batches;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public TrainingConfig build() {
            if (spec == null) {
                throw new IllegalArgumentException("TrainingConfig needs setSpec(spec)");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps + " (setSteps, or --steps/--epochs)");
            }
            if (loss == null || !MarginLosses.NAMES.contains(loss.trim().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("unknown loss '" + loss + "'; expected one of " + MarginLosses.NAMES);
            }
            if (batchSize < 2) {
                throw new IllegalArgumentException("batch size must be >= 2 (batch normalisation needs two samples), got " + batchSize);
            }
            positive("learning rate", learningRate, true);
            positive("backbone learning-rate multiplier", backboneMultiplier, false);
            positive("head learning-rate multiplier", headMultiplier, false);
            positive("weight decay", weightDecay, false);
            positive("RegularFace weight", regularFaceWeight, false);
            positive("gradient clip norm", clip, false);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (!(partialFcSampleRate > 0 && partialFcSampleRate <= 1)) {
                throw new IllegalArgumentException("Partial FC sample rate must be in (0, 1], got " + partialFcSampleRate);
            }
            if (memoryBudgetBytes < 0) {
                throw new IllegalArgumentException("memory budget must be >= 0 bytes (0 = automatic), got " + memoryBudgetBytes);
            }
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("at least one device is needed");
            }
            if (batchSize < 2 * devices.size()) {
                throw new IllegalArgumentException("batch size " + batchSize + " is too small for " + devices.size()
                        + " devices (each shard needs two samples for batch normalisation)");
            }
            if (augmentation == null) {
                throw new IllegalArgumentException("augmentation must not be null (use AugmentationPipeline.NONE)");
            }
            Checks.requireAtLeast("workers", workers, 1);
            if (checkpointEvery < 0 || evalEvery < 0) {
                throw new IllegalArgumentException("checkpoint and evaluation periods must be >= 0");
            }
            if (keepCheckpoints < 1) {
                throw new IllegalArgumentException("keep at least one checkpoint, got " + keepCheckpoints);
            }
            for (double far : evalFars) {
                if (!(far > 0 && far < 1)) {
                    throw new IllegalArgumentException("evaluation FARs must be in (0, 1), got " + far);
                }
            }
            Checks.requireAtLeast("batch-norm recalibration batches", bnRecalibrationBatches, 0);
            // the schedule validates its own settings
            io.polyface.train.schedule.Schedules.create(schedule, steps, warmupSteps, milestones, gamma, power, minFactor);
            return new TrainingConfig(spec, loss.trim().toLowerCase(java.util.Locale.ROOT), lossOptions, regularFaceWeight,
                    partialFcSampleRate, partialFcAuto, memoryBudgetBytes, batchSize, steps, learningRate, backboneMultiplier,
                    headMultiplier, momentum, weightDecay, nesterov, schedule, warmupSteps, milestones, gamma, power, minFactor,
                    clip, seed, devices, augmentation, workers, strict, checkpointEvery, keepCheckpoints, evalEvery, evalFars,
                    bnRecalibrationBatches, channelsLast);
        }

        private static void positive(String name, double v, boolean strictlyPositive) {
            if (!(strictlyPositive ? v > 0 : v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be finite and " + (strictlyPositive ? "> 0" : ">= 0") + ", got " + v);
            }
        }
    }
}
