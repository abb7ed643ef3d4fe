package io.polyface.cli;

import io.polyface.cli.common.ThreadsOption;

import io.polyface.cli.common.Json;
import io.polyface.cli.common.JsonOutput;
import io.polyface.cli.common.SeedOption;
import io.polyface.core.arch.ArchSpec;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.data.SampleOrder;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.loop.MetricsLog;
import io.polyface.train.loop.ProgressBarListener;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainerBuilder;
import io.polyface.train.loop.TrainingConfig;
import io.polyface.train.loop.TrainingSummary;
import io.polyface.train.provenance.RunProvenance;
import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;
import io.polyface.train.stop.SignalStop;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code polyface train}: trains a spec network with a margin loss ({@code io.polyface.train.loop.Trainer}),
 * writing checkpoints, metrics and the ONNX model to the output folder.
 */
@Command(name = "train",
        defaultValueProvider = TrainDefaults.class, // option defaults: the small-data recipe's values, not restated here
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains an architecture (preset or spec JSON) with a margin loss.",
            "Data: an image folder (one sub-folder per identity), a list file ('path label' lines) or an",
            "MXNet RecordIO .rec (+ .idx). Writes to --out: checkpoint-NNNNNNNN/ (parameters,",
            "class centres, momentum, schedule position, spec, loss, label map, seed,",
            "provenance; written atomically), metrics.jsonl and model.onnx (inference graph;",
            "preprocessing and resize rule in its metadata). Images not at the input size are",
            "stretched to it by bilinear resize (the rule is recorded). The progress bar goes",
            "to standard error; with --json standard output carries one JSON object. A NaN",
            "or infinite loss stops the run (exit code 1), keeping the last good checkpoint.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface train --data ../shared/data/orl --arch mobilefacenet-tiny \\",
            "      --loss arcnegface --epochs 3 --batch 32 --holdout-ids 10 \\",
            "      --out /tmp/orl-run --json",
            "  (the same with --resume continues an interrupted run)",
            "  bin/polyface train --config paper-deepglint-30g --device cpu --print-config > r.json",
            "  (a recipe: a file or a shipped name; options given replace its fields)",
            "  bin/polyface train --data ms1m/train.rec --arch efficient-polyface \\",
            "      --loss arcnegface --loss-opt margin=0.5 --label-smoothing 0.1 \\",
            "      --partial-fc auto --memory-budget 20g --device gpu:all --batch 512 \\",
            "      --epochs 20 --schedule step --milestones 100000,160000 --warmup 2000 \\",
            "      --out runs/polyface",
            "  bin/polyface train --data new-ids/ --arch mobilefacenet-tiny \\",
            "      --init-from /tmp/orl-run/checkpoint-00000030 --anchor-centres \\",
            "      --backbone-lr-mult 0.1 --lr 0.01 --steps 200 --out /tmp/finetune",
        })
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE|NAME",
            description = "Training recipe: a recipe JSON file or a shipped recipe (small-data, demo, paper-deepglint-30g, "
                    + "paper-iqiyi-24g; default small-data). Options given on the command line replace its fields; the "
                    + "defaults shown below are small-data's.")
    String config;

    @Option(names = "--print-config", description = "Print the effective recipe (--config and the options given) as JSON and exit; "
            + "opens no data.")
    boolean printConfig;

    @Option(names = "--data", paramLabel = "DIR|FILE.rec|FILE",
            description = "Training data (required to train): image folder, RecordIO .rec (with .idx beside it) or list file.")
    Path data;

    @Mixin
    ArchOptions archOptions;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "Margin loss: arcnegface, arcface, cosface, sphereface, combined, curricularface, mv-softmax, normface, "
                    + "softmax, adaface (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--loss-opt", paramLabel = "KEY=VALUE", split = ",",
            description = "Loss option, repeatable or comma-separated: scale, margin, alpha, sigma, easy-margin, ... (see the losses table). "
                    + "Default (small-data): margin=0.3, scale auto = AdaCos's sqrt(2)*ln(C-1) for C < 10,000 training identities "
                    + "(4.76 for 30), the paper's 64 from 10,000.")
    Map<String, String> lossOptions = new LinkedHashMap<>();

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Label smoothing ε (the loss option label-smoothing).")
    Double labelSmoothing;

    @Option(names = "--regularface", paramLabel = "LAMBDA",
            description = "RegularFace weight λ (0 = off; default ${DEFAULT-VALUE}).")
    double regularFace;

    @Option(names = "--partial-fc", paramLabel = "RATE|auto",
            description = "Partial FC: fraction of negative classes per step (1 = full softmax), or 'auto' = full unless it exceeds "
                    + "--memory-budget, then the largest rate that fits (default: ${DEFAULT-VALUE}).")
    String partialFc;

    @Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "Memory budget of the classifier, e.g. 8g, 512m, 100000 (bytes); default half the device memory.")
    String memoryBudget;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length;

    static final class Length {
        @Option(names = "--steps", paramLabel = "N", required = true, description = "Training steps (default: the recipe's length).")
        Long steps;

        @Option(names = "--epochs", paramLabel = "E", required = true,
                description = "Training epochs (steps = E x steps per epoch; small-data: 10).")
        Integer epochs;
    }

    @Mixin
    StepOptions step;

    @Option(names = "--backbone-lr-mult", paramLabel = "F",
            description = "Backbone learning-rate factor (anchor fine-tuning: below 1; default ${DEFAULT-VALUE}).")
    double backboneLrMult;

    @Option(names = "--head-lr-mult", paramLabel = "F", description = "Class-centre learning-rate factor (default ${DEFAULT-VALUE}).")
    double headLrMult;

    @Option(names = "--momentum", paramLabel = "MU", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD",
            description = "Weight decay on conv/linear weights and centres; none on biases, BN, PReLU (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--nesterov", description = "Nesterov momentum.")
    boolean nesterov;

    @Option(names = "--schedule", paramLabel = "KIND",
            description = "Learning-rate schedule: constant, step, cosine, poly (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "Linear warm-up steps (default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--milestones", paramLabel = "S1,S2", split = ",", description = "Step-decay milestones (default 60%% and 85%% of the run).")
    List<Long> milestones = new ArrayList<>();

    @Option(names = "--gamma", paramLabel = "G", description = "Step-decay factor (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--power", paramLabel = "P", description = "Polynomial-decay power (default ${DEFAULT-VALUE}).")
    double power;

    @Option(names = "--min-lr-factor", paramLabel = "F",
            description = "Floor of cosine/poly decay as a fraction of --lr (default ${DEFAULT-VALUE}).")
    double minLrFactor;

    @Option(names = "--clip-grad-norm", paramLabel = "N",
            description = "Clip the global gradient norm to N (0 = off; default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--augment", paramLabel = "LIST",
            description = "Augmentations: none or a list of flip, crop, shift, jitter, grey, blur, downup, erase, jpeg, noise, each "
                    + "optionally name:p (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--holdout-ids", paramLabel = "K",
            description = "Hold out the last K identities (natural order) for all-pairs verification during training (default ${DEFAULT-VALUE}).")
    int holdoutIds;

    @Option(names = "--eval-bin", paramLabel = "FILE.bin", description = "InsightFace verification .bin set to evaluate on (repeatable).")
    List<Path> evalBins = new ArrayList<>();

    @Option(names = "--eval-every", paramLabel = "N", description = "Evaluate every N steps (0 = at the end only).")
    long evalEvery;

    @Option(names = "--far", paramLabel = "FAR", split = ",",
            description = "Target FARs of the evaluations (default: ${DEFAULT-VALUE}).")
    List<Double> fars;

    @Option(names = "--keep", paramLabel = "N", description = "Checkpoints kept (default ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--bn-recalibration", paramLabel = "BATCHES",
            description = "Batches used to recompute batch-norm statistics before evaluations and the final checkpoint (0 = off; "
                    + "default ${DEFAULT-VALUE}).")
    int bnRecalibration;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:all|gpu:0,1",
            description = "Devices; several GPUs train data-parallel (default ${DEFAULT-VALUE}). GPUs need the -Pgpu build.")
    String device;

    @Mixin
    SeedOption seed;

    @Mixin
    TrainingRunOptions run;

    @Option(names = "--strict", description = "Stop at the first corrupt image (default: skip and count).")
    boolean strict;

    @Option(names = "--nchw", description = "Keep PyTorch's default NCHW memory layout (default: channels-last NHWC batches, "
            + "faster CPU convolutions; the same function, other rounding).")
    boolean nchw;

    @Option(names = "--init-from", paramLabel = "CHECKPOINT_DIR|MODEL.onnx",
            description = "Start from a trained backbone: a checkpoint folder (same architecture) or an ONNX model (core's importer).")
    Path initFrom;

    @Option(names = "--anchor-centres", description = "Anchor fine-tuning: initialise each class centre from its class-mean embedding.")
    boolean anchorCentres;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required to train).")
    Path out;

    @Option(names = "--metrics-every", paramLabel = "N", defaultValue = "1", description = "Write a train metrics line every N steps (default ${DEFAULT-VALUE}).")
    long metricsEvery;

    @Mixin
    JsonOutput json;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        Recipe recipe = TrainRecipeOptions.effective(this, spec.commandLine().getParseResult());
        if (printConfig) {
            spec.commandLine().getOut().print(RecipeJson.write(recipe));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (data == null || out == null) {
            throw new IllegalArgumentException("train needs --data and --out (or --print-config to show the recipe)");
        }
        threads.apply();
        ArchSpec arch = recipe.model().resolve();
        int holdoutIds = recipe.data().heldOutIdentities();
        int batch = recipe.data().batchSize();
        long seed = recipe.run().seed();
        run.checkOutput(out);
        TrainInputs.check(out, evalBins, initFrom);
        PrintWriter err = spec.commandLine().getErr();
        StopRequest stop = new StopRequest();
        try (SignalStop signals = Interruption.install(spec, stop); FaceDataset all = Datasets.open(data)) {
            all.warnings().forEach(w -> err.println("polyface train: warning: " + w));
            IdentitySplit split = IdentitySplit.holdOutLast(all, holdoutIds);
            FaceDataset train = split.train();
            SampleOrder order = new SampleOrder(train.size(), batch, seed);
            long steps = recipe.run().totalSteps(order.stepsPerEpoch());
            TrainingConfig config = recipe.toConfig(arch, steps, train.labels().size()); // "auto" scale: ScaleRule
            TrainerBuilder tb = Trainer.builder().setConfig(config).setTrainingSet(train).optOutputDir(out).optResume(run.resume)
                    .optInitialModel(initFrom).optAnchorCentres(anchorCentres).optStopRequest(stop)
                    .optProvenance(RunProvenance.start(recipe, data)); // hashes the data's files once
            if (split.heldOut() != null) {
                tb.optHeldOutSet(split.heldOut());
            }
            evalBins.forEach(tb::addVerificationBin);
            try (Trainer trainer = tb.build();
                 MetricsLog metrics = new MetricsLog(out.resolve("metrics.jsonl"), trainer.currentStep(), metricsEvery, steps)) {
                trainer.warnings().forEach(w -> err.println("polyface train: warning: " + w));
                err.println("polyface train: " + train.description() + "; " + config.spec().name() + ", " + config.loss()
                        + (config.lossOptions().containsKey("scale")
                                ? String.format(Locale.ROOT, " s %.4g", Double.parseDouble(config.lossOptions().get("scale"))) : "")
                        + (trainer.memoryPlan().partialFc() ? String.format(Locale.ROOT, ", Partial FC r=%.4f", trainer.memoryPlan().sampleRate()) : "")
                        + "; " + steps + " steps of " + order.imagesPerStep()
                        + (order.imagesPerStep() < batch ? " (all the training images: --batch " + batch + " is more than there are)" : "")
                        + " (" + trainer.stepsPerEpoch() + " per epoch)"
                        + (trainer.currentStep() > 0 ? "; resuming at step " + trainer.currentStep() : ""));
                err.flush();
                trainer.addListener(metrics);
                PrintStream progress = run.progress(err);
                ProgressBarListener bar = progress == null ? null : new ProgressBarListener(progress, trainer.currentStep(), steps);
                if (bar != null) {
                    trainer.addListener(bar);
                }
                TrainingSummary summary;
                try {
                    summary = trainer.train();
                } finally {
                    if (bar != null) {
                        bar.close();
                    }
                }
                if (stop.isRequested()) {
                    return stopped(stop, summary, steps);
                }
                Path onnx = out.resolve("model.onnx");
                trainer.exportOnnx(onnx);
                report(summary, trainer, onnx, split, order);
            }
        }
        return stop.isRequested() ? Interruption.completedAnyway(spec, stop) : 0;
    }

    private int stopped(StopRequest stop, TrainingSummary s, long total) {
        String where = s.steps() == total ? "after the last step (the model export was skipped; resuming exports it)"
                : s.steps() == 0 ? "before the first step (nothing was trained)"
                : "after step " + s.steps() + " of " + total + " (" + s.stepsThisRun() + " in this run)";
        StoppedException e = new StoppedException(stop, where, s.lastCheckpoint());
        if (json.enabled()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stopped_by", stop.cause());
            m.put("steps", s.steps());
            m.put("total_steps", total);
            m.put("steps_this_run", s.stepsThisRun());
            m.put("checkpoint", s.lastCheckpoint() == null ? null : s.lastCheckpoint().toString());
            m.put("resume_command", Interruption.resumeCommand(spec));
            spec.commandLine().getOut().println(Json.line(m));
            spec.commandLine().getOut().flush();
        }
        return Interruption.report(spec, e);
    }

    private void report(TrainingSummary s, Trainer trainer, Path onnx, IdentitySplit split, SampleOrder order) {
        PrintWriter o = spec.commandLine().getOut();
        EvaluationResult heldOut = s.evaluations().stream().filter(e -> e.set().equals("held-out")).findFirst().orElse(null);
        if (json.enabled()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", s.steps());
            m.put("steps_this_run", s.stepsThisRun());
            m.put("loss", finite(s.loss()));
            m.put("mean_loss_last_epoch", finite(s.meanLoss()));
            m.put("accuracy_last_epoch", finite(s.accuracy()));
            m.put("data", split.counts());
            m.put("batch", order.imagesPerStep());
            m.put("images", s.images());
            m.put("seconds", s.seconds());
            m.put("images_per_second", s.imagesPerSecond());
            m.put("tar", heldOut == null ? null : heldOut.tarByFar());
            List<Map<String, Object>> evals = new ArrayList<>();
            s.evaluations().forEach(e -> evals.add(e.toMetrics()));
            m.put("evaluations", evals);
            m.put("partial_fc_sample_rate", trainer.memoryPlan().sampleRate());
            m.put("corrupt_images", s.corruptImages());
            m.put("checkpoint", s.lastCheckpoint() == null ? null : s.lastCheckpoint().toString());
            m.put("resumed_from", s.resumedFrom() == null ? null : s.resumedFrom().toString());
            m.put("metrics", out.resolve("metrics.jsonl").toString());
            m.put("onnx", onnx.toString());
            o.println(Json.line(m));
        } else {
            if (s.stepsThisRun() == 0) {
                o.printf(Locale.ROOT, "nothing to train: %s had already completed all %d steps (loss %.4f at its last step); model exported again%n",
                        s.resumedFrom() == null ? out : s.resumedFrom(), s.steps(), s.loss());
            } else {
                o.printf(Locale.ROOT, "trained %d steps (%d in this run): loss %.4f (last-epoch mean %.4f), training accuracy %.3f, %.1f images/s%n",
                        s.steps(), s.stepsThisRun(), s.loss(), s.meanLoss(), s.accuracy(), s.imagesPerSecond());
            }
            Map<String, Object> c = split.counts();
            o.printf(Locale.ROOT, "  data: %s images of %s identities (trained on %s images of %s, held out %s of %s)%n", c.get("images"),
                    c.get("identities"), c.get("train_images"), c.get("train_identities"), c.get("heldout_images"), c.get("heldout_identities"));
            for (EvaluationResult e : s.evaluations()) {
                StringBuilder b = new StringBuilder("  " + e.set() + " (" + e.genuinePairs() + " genuine, " + e.impostorPairs() + " impostor pairs):");
                e.tarByFar().forEach((far, tar) -> b.append(String.format(Locale.ROOT, " TAR@FAR=%s %.4f", far, tar)));
                o.println(b);
            }
            if (s.corruptImages() > 0) {
                o.println("  skipped " + s.corruptImages() + " corrupt or unreadable images (see the log above)");
            }
            o.println("  checkpoint " + s.lastCheckpoint() + ", model " + onnx + ", metrics " + out.resolve("metrics.jsonl"));
        }
        o.flush();
        if (s.corruptImages() > 0) {
            trainer.corruptImages().reasons().forEach(r -> spec.commandLine().getErr().println("polyface train: skipped " + r));
        }
    }

    /** @return the value, or null (JSON null) for NaN or an infinity: no figure rather than the string "NaN" */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param text a size: digits with an optional k, m, g or t suffix (powers of 1024)
     * @return bytes
     */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if ("kmgt".indexOf(last) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(last) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--memory-budget must be a positive size such as 8g, 512m or 100000, got '" + text + "'");
        }
    }
}
