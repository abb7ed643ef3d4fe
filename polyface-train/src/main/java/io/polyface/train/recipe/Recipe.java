package io.polyface.train.recipe;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.data.SampleOrder;
import io.polyface.train.loop.Devices;
import io.polyface.train.loop.TrainingConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training recipe as data (after InsightFace's {@code configs/*.py}): what to train, with which loss,
 * optimizer, schedule, data handling, evaluation and checkpoints, and for how long — everything of a run but
 * the data's location and the output folder. One JSON form ({@link RecipeJson}) that round-trips exactly;
 * values derived at run time are stored as {@code "auto"} ({@link AutoNumber}). Shipped recipes:
 * {@link RecipeJson#SHIPPED}. {@link #toConfig(int)} builds the {@link TrainingConfig} the trainer runs.
 *
 * <p>Every default of the {@code train} command is defined once, in the shipped {@code small-data} recipe (and the
 * schedule kinds' defaults in {@link ScheduleRecipe#defaults}); an {@code "auto"} loss scale is derived from the
 * training set's class count by {@link ScaleRule} ({@link #toConfig(ArchSpec, long, int)}).
 *
 * @param description what the recipe is for and where it departs from its source (free text)
 * @param model the architecture
 * @param loss the margin loss and its classifier
 * @param optimizer SGD settings
 * @param schedule the learning-rate schedule
 * @param data batch, augmentation, held-out identities, loader
 * @param evaluation held-out verification settings
 * @param checkpointing checkpoint period and retention
 * @param run length, seed, devices, memory layout
 */
public record Recipe(String description, Model model, Loss loss, Optimizer optimizer, ScheduleRecipe schedule, Data data,
                     Evaluation evaluation, Checkpointing checkpointing, Run run) {

    /** Checks that every part is present. */
    public Recipe {
        present("description,model,loss,optimizer,schedule,data,evaluation,checkpointing,run", description, model, loss,
                optimizer, schedule, data, evaluation, checkpointing, run);
    }

    /**
     * The architecture: a preset name or spec file, and the preset settings it overrides ({@code null} =
     * the preset's value; see {@link ArchOverrides}).
     *
     * @param arch preset name or architecture spec JSON file
     * @param input image size in pixels
     * @param resolution PolyFace stem size R
     * @param width width multiplier
     * @param depth blocks per stage
     * @param embedding embedding size d
     * @param keepProb stochastic-depth keep probability
     * @param residualScale PolyFace residual scale
     * @param blockType PolyFace block type
     */
    public record Model(String arch, Integer input, Integer resolution, Double width, List<Integer> depth, Integer embedding,
                        Double keepProb, Double residualScale, String blockType) {
        /** Checks the name, copies the list. */
        public Model {
            if (arch == null || arch.isBlank()) {
                throw new IllegalArgumentException("arch must name a preset or a spec file");
            }
            depth = depth == null ? null : List.copyOf(depth);
        }

        /** @return the overrides of the preset's settings */
        public ArchOverrides overrides() {
            return new ArchOverrides(input, resolution, width, depth, embedding, keepProb, residualScale, blockType);
        }

        /**
         * @return the resolved architecture
         * @throws IllegalArgumentException for an unknown preset, a bad file or a bad setting
         */
        public ArchSpec resolve() {
            return Architectures.resolve(arch, overrides());
        }
    }

    /**
     * The margin loss and its classifier ({@code io.polyface.losses.margin.MarginLosses}).
     *
     * @param name a loss name
     * @param scale the scale s, or auto = derived from the number of training classes by {@link ScaleRule#forClasses}
     *     (AdaCos's √2·ln(C − 1) below 10,000 classes, 4.76 for 30; the paper's 64 from 10,000) where the configuration
     *     is built with the class count,
     *     else the loss's published default (ArcNegFace/ArcFace 64, ...)
     * @param labelSmoothing label smoothing ε (0 = off)
     * @param options the loss's other options (margin, alpha, sigma, ...): numbers, booleans or strings
     * @param regularFaceWeight RegularFace's λ (0 = off)
     * @param partialFc Partial FC's fraction of negatives in (0, 1] (1 = full softmax), or auto = full softmax
     *     unless the classifier exceeds the memory budget, then the largest rate that fits
     * @param memoryBudgetBytes the classifier's memory budget in bytes, or auto = half the device's memory
     */
    public record Loss(String name, AutoNumber scale, double labelSmoothing, Map<String, Object> options,
                       double regularFaceWeight, AutoNumber partialFc, AutoNumber memoryBudgetBytes) {
        /** Checks presence and the option keys, copies the map. */
        public Loss {
            present("name,scale,options,partial_fc,memory_budget_bytes", name, scale, options, partialFc, memoryBudgetBytes);
            for (Map.Entry<String, Object> e : options.entrySet()) {
                if (e.getKey().equals("scale") || e.getKey().equals("label-smoothing")) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' is a field of the loss, not one of its options");
                }
                if (!(e.getValue() instanceof Number || e.getValue() instanceof Boolean || e.getValue() instanceof String)) {
                    throw new IllegalArgumentException("loss option '" + e.getKey() + "' must be a number, boolean or string, got "
                            + e.getValue());
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            // one Java type per JSON kind (Long, Double, Boolean, String), so equal JSON means equal records
            options.forEach((k, v) -> copy.put(k, v instanceof Integer || v instanceof Short || v instanceof Byte
                    ? (Object) ((Number) v).longValue() : v instanceof Float ? (Object) ((Number) v).doubleValue() : v));
            options = Collections.unmodifiableMap(copy);
        }

        /**
         * The JSON form's value of a loss option given as text (command line, {@code MarginLosses}'s map).
         *
         * @param text the option's text
         * @return a {@code Long} for an integer, a {@code Double} for another number, a {@code Boolean} for
         *     {@code true|false}, else the text
         */
        public static Object optionValue(String text) {
            String t = text.trim();
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e2) {
                    return t;
                }
            }
        }

        /**
         * @return the options as {@code MarginLosses.create} takes them, scale and label smoothing included; an
         *     {@code "auto"} scale is left out (the loss's own default)
         */
        public Map<String, String> lossOptions() {
            return lossOptions(0);
        }

        /**
         * @param classes the number of training classes, or 0 when unknown
         * @return the options as {@code MarginLosses.create} takes them, scale and label smoothing included; an
         *     {@code "auto"} scale is {@link ScaleRule#forClasses}{@code (classes)}, or left out (the loss's own
         *     default) when {@code classes} is 0
         * @throws IllegalArgumentException if {@code classes} is 1 or negative
         */
        public Map<String, String> lossOptions(int classes) {
            if (classes < 0 || classes == 1) {
                throw new IllegalArgumentException("classes must be 0 (unknown) or >= 2, got " + classes);
            }
            Map<String, String> out = new LinkedHashMap<>();
            options.forEach((k, v) -> out.put(k, String.valueOf(v)));
            if (!scale.isAuto()) {
                out.put("scale", Double.toString(scale.value()));
            } else if (classes > 0) {
                out.put("scale", Double.toString(ScaleRule.forClasses(classes)));
            }
            if (labelSmoothing != 0) {
                out.put("label-smoothing", Double.toString(labelSmoothing));
            }
            return out;
        }
    }

    /**
     * SGD with momentum ({@code io.polyface.train.optim.Sgd}).
     *
     * @param learningRate base learning rate η₀
     * @param momentum momentum μ
     * @param weightDecay L2 weight decay (conv/linear weights and class centres only)
     * @param nesterov Nesterov momentum
     * @param backboneLearningRateMultiplier factor on η for the backbone
     * @param headLearningRateMultiplier factor on η for the class centres
     * @param gradientClipNorm global-norm clipping threshold (0 = off)
     */
    public record Optimizer(double learningRate, double momentum, double weightDecay, boolean nesterov,
                            double backboneLearningRateMultiplier, double headLearningRateMultiplier, double gradientClipNorm) {
    }

    /**
     * Data handling.
     *
     * @param batchSize images per step over all devices
     * @param augmentation the augmentations in {@link AugmentationPipeline#parse}'s text form ({@code none},
     *     {@code flip}, {@code flip,jitter:0.3}, ...)
     * @param heldOutIdentities identities held out (the last in natural order) for verification during training
     * @param workers decode/augment threads, or auto = processors − 1
     * @param strict stop at the first corrupt image instead of skipping it
     */
    public record Data(int batchSize, String augmentation, int heldOutIdentities, AutoNumber workers, boolean strict) {
        /** Checks presence. */
        public Data {
            present("augmentation,workers", augmentation, workers);
        }
    }

    /**
     * Held-out verification.
     *
     * @param every evaluate every so many steps (0 = at the end only)
     * @param fars target FARs
     * @param bnRecalibrationBatches batches that recompute batch-norm statistics before each evaluation (0 = off)
     */
    public record Evaluation(long every, List<Double> fars, int bnRecalibrationBatches) {
        /** Copies the list. */
        public Evaluation {
            present("fars", fars);
            fars = List.copyOf(fars);
        }
    }

    /**
     * Checkpoints.
     *
     * @param every checkpoint every so many steps (0 = at the end only)
     * @param keep checkpoints kept
     */
    public record Checkpointing(long every, int keep) {
    }

    /**
     * The run: its length (exactly one of steps and epochs), seed, devices and memory layout.
     *
     * @param steps training steps, or {@code null} when given in epochs
     * @param epochs training epochs (steps = epochs × steps per epoch), or {@code null} when given in steps
     * @param seed the seed of every random draw
     * @param devices {@code cpu}, {@code gpu}, {@code gpu:all} or {@code gpu:0,1} ({@link Devices#parse})
     * @param channelsLast channels-last (NHWC) batches; false keeps NCHW
     */
    public record Run(Long steps, Long epochs, long seed, String devices, boolean channelsLast) {
        /** Checks the length. */
        public Run {
            if ((steps == null) == (epochs == null)) {
                throw new IllegalArgumentException("give exactly one of steps and epochs (the other null), got steps " + steps
                        + " and epochs " + epochs);
            }
            if (steps != null && steps < 1 || epochs != null && epochs < 1) {
                throw new IllegalArgumentException("the run length must be >= 1, got " + (steps != null ? "steps " + steps : "epochs " + epochs));
            }
            present("devices", devices);
        }

        /**
         * @param stepsPerEpoch steps of one epoch
         * @return the run's steps
         */
        public long totalSteps(long stepsPerEpoch) {
            return steps != null ? steps : epochs * stepsPerEpoch;
        }
    }

    /**
     * The recipe of a configuration, where that is well-defined: the architecture, the augmentation and the
     * held-out identities cannot be read back from a {@link TrainingConfig} (a resolved spec, transform objects, a
     * split made outside it) and are given; the run length comes back in steps, the worker count as the number
     * used (not {@code "auto"}).
     *
     * @param config a configuration
     * @param model the architecture it was built from
     * @param augmentation its augmentation in {@link AugmentationPipeline#parse}'s text form
     * @param heldOutIdentities identities held out of its training set
     * @return the recipe; {@code fromConfig(r.toConfig(...), ...)} gives {@code r} back up to the length and workers
     */
    public static Recipe fromConfig(TrainingConfig config, Model model, String augmentation, int heldOutIdentities) {
        Map<String, Object> options = new LinkedHashMap<>();
        config.lossOptions().forEach((k, v) -> {
            if (!k.equals("scale") && !k.equals("label-smoothing")) {
                options.put(k, Loss.optionValue(v));
            }
        });
        String scale = config.lossOptions().get("scale");
        String smoothing = config.lossOptions().get("label-smoothing");
        Loss loss = new Loss(config.loss(), scale == null ? AutoNumber.AUTO : AutoNumber.of(Double.parseDouble(scale)),
                smoothing == null ? 0 : Double.parseDouble(smoothing), options, config.regularFaceWeight(),
                config.partialFcAuto() ? AutoNumber.AUTO : AutoNumber.of(config.partialFcSampleRate()),
                config.memoryBudgetBytes() == 0 ? AutoNumber.AUTO : AutoNumber.of(config.memoryBudgetBytes()));
        Optimizer optimizer = new Optimizer(config.learningRate(), config.momentum(), config.weightDecay(), config.nesterov(),
                config.backboneLearningRateMultiplier(), config.headLearningRateMultiplier(), config.gradientClipNorm());
        ScheduleRecipe schedule = switch (config.schedule()) {
            case "constant" -> new ScheduleRecipe.Constant(config.warmupSteps());
            case "step" -> new ScheduleRecipe.Step(config.warmupSteps(),
                    java.util.Arrays.stream(config.milestones()).boxed().toList(), config.gamma());
            case "cosine" -> new ScheduleRecipe.Cosine(config.warmupSteps(), config.minLearningRateFactor());
            case "poly" -> new ScheduleRecipe.Poly(config.warmupSteps(), config.power(), config.minLearningRateFactor());
            default -> throw new IllegalArgumentException("unknown schedule '" + config.schedule() + "'");
        };
        String devices = config.devices().stream().allMatch(d -> d.isGpu())
                ? "gpu:" + String.join(",", config.devices().stream().map(d -> Integer.toString(d.getDeviceId())).toList())
                : "cpu";
        return new Recipe("from a TrainingConfig", model, loss, optimizer, schedule,
                new Data(config.batchSize(), augmentation, heldOutIdentities, AutoNumber.of(config.workers()), config.strict()),
                new Evaluation(config.evalEvery(), config.evalFars(), config.bnRecalibrationBatches()),
                new Checkpointing(config.checkpointEvery(), config.keepCheckpoints()),
                new Run(config.steps(), null, config.seed(), devices, config.channelsLast()));
    }

    /**
     * @param trainingImages images of the training set (for a length in epochs)
     * @return steps per epoch at this recipe's batch size ({@link SampleOrder})
     */
    public int stepsPerEpoch(int trainingImages) {
        return new SampleOrder(trainingImages, data.batchSize(), run.seed()).stepsPerEpoch();
    }

    /**
     * Builds the trainer's configuration.
     *
     * @param trainingImages images of the training set (sets the steps of a length in epochs)
     * @return the configuration
     * @throws IllegalArgumentException for an unknown architecture, loss, augmentation or device, or a value
     *     out of range ({@link TrainingConfig.Builder#build()} names it)
     */
    public TrainingConfig toConfig(int trainingImages) {
        return toConfig(model.resolve(), run.steps() != null ? run.steps() : run.totalSteps(stepsPerEpoch(trainingImages)));
    }

    /**
     * Builds the trainer's configuration for a resolved architecture and a run length, the class count unknown: an
     * {@code "auto"} loss scale is left to the loss's own default (the paper's 64 for ArcNegFace).
     *
     * @param spec the architecture (normally {@code model().resolve()})
     * @param steps the run's steps
     * @return the configuration
     * @throws IllegalArgumentException for a value out of range
     */
    public TrainingConfig toConfig(ArchSpec spec, long steps) {
        return toConfig(spec, steps, 0);
    }

    /**
     * Builds the trainer's configuration for a resolved architecture, a run length and the training set's class count.
     *
     * @param spec the architecture (normally {@code model().resolve()})
     * @param steps the run's steps
     * @param classes the training set's classes (an {@code "auto"} scale becomes {@link ScaleRule#forClasses}), or 0
     *     when unknown (the loss's own default)
     * @return the configuration
     * @throws IllegalArgumentException for a value out of range
     */
    public TrainingConfig toConfig(ArchSpec spec, long steps, int classes) {
        TrainingConfig.Builder b = TrainingConfig.builder().setSpec(spec).setSteps(steps)
                .optLoss(loss.name()).optLossOptions(loss.lossOptions(classes)).optRegularFaceWeight(loss.regularFaceWeight())
                .optPartialFcAuto(loss.partialFc().isAuto()).optPartialFcSampleRate(loss.partialFc().orElse(1))
                .optMemoryBudgetBytes((long) loss.memoryBudgetBytes().orElse(0))
                .optLearningRate(optimizer.learningRate()).optMomentum(optimizer.momentum()).optWeightDecay(optimizer.weightDecay())
                .optNesterov(optimizer.nesterov()).optBackboneLearningRateMultiplier(optimizer.backboneLearningRateMultiplier())
                .optHeadLearningRateMultiplier(optimizer.headLearningRateMultiplier())
                .optGradientClipNorm(optimizer.gradientClipNorm())
                .optSchedule(schedule.kind()).optWarmupSteps(schedule.warmupSteps())
                .optBatchSize(data.batchSize()).optAugmentation(AugmentationPipeline.parse(data.augmentation()))
                .optStrict(data.strict())
                .optEvalEvery(evaluation.every()).optEvalFars(evaluation.fars())
                .optBnRecalibrationBatches(evaluation.bnRecalibrationBatches())
                .optCheckpointEvery(checkpointing.every()).optKeepCheckpoints(checkpointing.keep())
                .optSeed(run.seed()).optDevices(Devices.parse(run.devices())).optChannelsLast(run.channelsLast());
        if (!data.workers().isAuto()) {
            b.optWorkers((int) (double) data.workers().value());
        }
        if (schedule instanceof ScheduleRecipe.Step s) {
            b.optMilestones(s.milestones().stream().mapToLong(Long::longValue).toArray()).optGamma(s.gamma());
        } else if (schedule instanceof ScheduleRecipe.Cosine c) {
            b.optMinLearningRateFactor(c.minLearningRateFactor());
        } else if (schedule instanceof ScheduleRecipe.Poly p) {
            b.optPower(p.power()).optMinLearningRateFactor(p.minLearningRateFactor());
        }
        return b.build();
    }

    /**
     * @param names the fields' JSON names, comma-separated
     * @param values their values
     * @throws IllegalArgumentException naming the first that is null
     */
    static void present(String names, Object... values) {
        String[] n = names.split(",");
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("'" + n[i] + "' must not be null");
            }
        }
    }
}
