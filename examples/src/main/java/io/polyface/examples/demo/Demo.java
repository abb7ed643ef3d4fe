package io.polyface.examples.demo;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.Parity;
import io.polyface.core.eval.RocPlot;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.search.CompoundScalingPrior;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.search.Search;
import io.polyface.core.search.SearchResult;
import io.polyface.core.search.SearchSpaces;
import io.polyface.examples.synth.SyntheticFaceDataset;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.train.data.ModelInput;
import io.polyface.train.distill.DistillationObjective;
import io.polyface.train.distill.HeldOutComparison;
import io.polyface.train.distill.KdLoss;
import io.polyface.train.distill.OnnxTeacher;
import io.polyface.train.distill.TeacherCache;
import io.polyface.train.distill.TeacherShapedStudent;
import io.polyface.train.distill.TeacherTargets;
import io.polyface.train.eval.DatasetEmbeddings;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.eval.OnnxRuntimeEmbedding;
import io.polyface.train.loop.ProgressBarListener;
import io.polyface.train.loop.Trainer;
import io.polyface.train.loop.TrainerBuilder;
import io.polyface.train.loop.TrainingConfig;
import io.polyface.train.provenance.RunProvenance;
import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;
import io.polyface.train.loop.TrainingSummary;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job, end to end: take (or search) an architecture for a FLOPs budget, train it with ArcNegFace on the
 * training identities, export it to ONNX and check ONNX Runtime against DJL, evaluate all pairs of the held-out
 * identities (TAR at several FARs, ROC), compare QAN++ with mean pooling on degraded tracks of the held-out
 * identities, and write {@code report.json}, {@code report.html} and {@code roc.png}.
 *
 * <p>Without a data folder it generates synthetic faces (see {@code io.polyface.examples.synth}); with
 * {@code ../shared/data/orl} it runs on real faces.
 */
public final class Demo {

    /** Target FARs of the held-out evaluation. */
    public static final List<Double> FARS = List.of(1e-4, 1e-3, 1e-2, 1e-1);

    private final DemoConfig config;
    private final PrintStream log;
    private final StopRequest stop;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    private Demo(DemoConfig config, PrintStream log, StopRequest stop) {
        this.config = config;
        this.log = log;
        this.stop = stop;
    }

    /**
     * Runs the demo.
     *
     * @param config the settings
     * @param log where progress goes (standard error on the command line)
     * @return the report (also written to {@code out/report.json})
     * @throws IOException if data cannot be read or results written
     * @throws IllegalArgumentException for bad settings or data
     */
    public static DemoReport run(DemoConfig config, PrintStream log) throws IOException {
        return run(config, log, new StopRequest());
    }

    /**
     * Runs the demo until it is done or stopped: a stop request ends the training at its next step
     * boundary (a checkpoint in {@code out/train}, from which {@link DemoConfig#resume()} continues), or
     * skips the stages that have not started.
     *
     * @param config the settings
     * @param log where progress goes (standard error on the command line)
     * @param stop polled at each training step and before each stage (e.g. set on Ctrl-C)
     * @return the report (also written to {@code out/report.json})
     * @throws StoppedException if the stop was requested before the demo was done
     * @throws IOException if data cannot be read or results written
     * @throws IllegalArgumentException for bad settings or data
     */
    public static DemoReport run(DemoConfig config, PrintStream log, StopRequest stop) throws IOException {
        return new Demo(config, log, stop).run();
    }

    private DemoReport run() throws IOException {
        Path out = config.out();
        Files.createDirectories(out);
        long start = System.nanoTime();
        Path data = stage("data", this::prepareData);
        try (OnnxTeacher teacher = config.teacher() == null ? null
                     : stage("open teacher", () -> OnnxTeacher.open(config.teacher(), PreprocessingStatement.NONE, n -> log.println("demo: " + n)));
             FaceDataset all = Datasets.open(data)) {
            // as distill --budget --student-init auto: the teacher's own architecture at a smaller input, from its weights
            TeacherShapedStudent shaped = teacher == null || config.arch() != null ? null
                    : TeacherShapedStudent.forBudget(teacher, Math.round(config.budgetGflops() * 1e9)).orElse(null);
            ArchSpec spec = stage("architecture", () -> chooseArchitecture(shaped));
            IdentitySplit split = IdentitySplit.holdOutLast(all, config.heldOutIdentities());
            report.put("data", dataReport(data, split));
            Path model = out.resolve("model.onnx");
            DatasetEmbeddings djl;
            CorruptImagePolicy corruptImages;
            TeacherCache cache = shaped == null ? null : TeacherCache.open(out.resolve("teacher-cache"), teacher.sha256(), teacher.embeddingSize());
            try (Trainer trainer = stage("build trainer", () -> trainer(spec, split, data, teacher, shaped, cache))) {
                trainer.warnings().forEach(w -> log.println("demo: " + w));
                if (trainer.currentStep() > 0) {
                    log.println("demo: resuming the training at step " + trainer.currentStep() + " of " + config.steps());
                }
                ProgressBarListener bar = new ProgressBarListener(log, trainer.currentStep(), config.steps());
                trainer.addListener(bar);
                TrainingSummary summary;
                try {
                    summary = stage("train", trainer::train);
                } finally {
                    bar.close();
                }
                log.println(); // end the progress bar's line
                if (cache != null) {
                    cache.save();
                }
                if (summary.steps() < config.steps()) {
                    throw new StoppedException(stop, "after step " + summary.steps() + " of " + config.steps(), summary.lastCheckpoint());
                }
                report.put("train", trainReport(summary, trainer));
                stage("export", () -> {
                    trainer.exportOnnx(model); // with the resize rule and the run provenance in its metadata
                    return null;
                });
                djl = stage("embed held-out (DJL)", () -> trainer.embedder().embed(split.heldOut()));
                corruptImages = trainer.corruptImages();
            }
            DatasetEmbeddings ort = stage("embed held-out (ONNX Runtime)", () -> embedWithOrt(model, split.heldOut(), corruptImages));
            report.put("onnx", parity(model, djl.features(), ort.features()));
            List<String> ids = new ArrayList<>();
            for (int i : ort.indices()) {
                ids.add(split.heldOut().labels().name(split.heldOut().label(i)));
            }
            VerificationResult result = stage("evaluate all pairs", () ->
                    AllPairsEvaluator.builder().optTargetFars(FARS).build().evaluate(ort.features(), ids));
            RocPlot.write(out.resolve("roc.png"), result, "Held-out identities, all pairs (" + spec.name() + ")");
            report.put("eval", DemoReport.evalJson(result, ids.stream().distinct().count(), ids.size()));
            if (teacher != null) {
                EvaluationResult t = stage("evaluate the teacher", () -> HeldOutComparison.evaluate(split.heldOut(), teacher::embed,
                        teacher.preprocessing(), "teacher", 0, FARS));
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("model", teacher.modelPath().getFileName().toString());
                tm.put("embedding", teacher.embeddingSize());
                tm.put("results", DemoReport.results(t.operatingPoints()));
                report.put("teacher", tm);
            }
            report.put("aggregation", stage("aggregation", () -> DemoAggregation.run(config, data, split, model, log)));
        }
        seconds.put("total", (System.nanoTime() - start) / 1e9);
        report.put("seconds", seconds);
        DemoReport r = new DemoReport(report);
        r.write(out);
        return r;
    }

    private Path prepareData() throws IOException {
        if (config.data() != null) {
            if (!Files.exists(config.data())) {
                throw new java.nio.file.NoSuchFileException(config.data().toString(), null, "expected a folder with one sub-folder per identity");
            }
            if (!Files.isDirectory(config.data())) {
                throw new IllegalArgumentException("--data " + config.data() + ": not a folder (expected one sub-folder per identity)");
            }
            return config.data();
        }
        Path dir = config.out().resolve("data");
        if (Files.isDirectory(dir) && Files.exists(dir.resolve(SyntheticFaceDataset.MANIFEST))) {
            log.println("demo: reusing synthetic faces in " + dir);
            return dir;
        }
        log.printf(Locale.ROOT, "demo: generating %d synthetic identities x %d images into %s%n", config.identities(),
                config.imagesPerIdentity(), dir);
        SyntheticFaceDataset.builder().setIdentities(config.identities()).setImagesPerIdentity(config.imagesPerIdentity())
                .optSeed(config.seed()).build().write(dir);
        return dir;
    }

    private ArchSpec chooseArchitecture(TeacherShapedStudent shaped) {
        ArchSpec spec;
        Map<String, Object> a = new LinkedHashMap<>();
        if (shaped != null) {
            spec = shaped.student();
            a.put("source", "the teacher's architecture " + spec.name() + " at " + shaped.input() + " pixels, initialised from the teacher's weights");
            a.put("student_init", "teacher");
        } else if (config.arch() != null) {
            spec = Architectures.resolve(config.arch(), ArchOverrides.NONE);
            a.put("source", "given: " + config.arch());
        } else {
            BudgetArchitecture chosen = BudgetArchitecture.choose(config.budgetGflops(), config.seed(), "demo-");
            spec = chosen.spec();
            a.put("source", chosen.source());
        }
        var cost = FlopsCounter.count(spec);
        a.put("name", spec.name());
        a.put("flops", cost.flops(Convention.LFR));
        a.put("convention", Convention.LFR.id());
        a.put("gflops", cost.gflops(Convention.LFR));
        a.put("params", cost.params());
        a.put("embedding", spec.embeddingSize());
        a.put("settings", spec.settings());
        report.put("architecture", a);
        log.printf(Locale.ROOT, "demo: architecture %s, %.3f GFLOPs (LFR rule), %,d parameters%n", spec.name(),
                cost.gflops(Convention.LFR), cost.params());
        return spec;
    }

    private Trainer trainer(ArchSpec spec, IdentitySplit split, Path data, OnnxTeacher teacher, TeacherShapedStudent shaped,
                            TeacherCache cache) throws IOException {
        // the shipped demo recipe, with the searched architecture and the demo's options (recorded as the run's provenance)
        Recipe recipe = RecipeJson.override(RecipeJson.shipped("demo"), List.of(
                new RecipeJson.FieldOverride("demo architecture", "model.arch", spec.name()),
                new RecipeJson.FieldOverride("demo --steps", "run.steps", config.steps()),
                new RecipeJson.FieldOverride("demo --batch", "data.batch_size", config.batch()),
                new RecipeJson.FieldOverride("demo --holdout-ids", "data.held_out_identities", config.heldOutIdentities()),
                new RecipeJson.FieldOverride("demo --lr", "optimizer.learning_rate", config.learningRate()),
                new RecipeJson.FieldOverride("demo --steps", "schedule.warmup_steps", Math.max(1, config.steps() / 20)),
                new RecipeJson.FieldOverride("demo --seed", "run.seed", config.seed())));
        TrainingConfig cfg = recipe.toConfig(spec, config.steps());
        DistillationObjective objective = teacher == null ? null : new DistillationObjective(
                new TeacherTargets(teacher, ModelInput.of(spec), split.train(), cache), List.of(KdLoss.ANGULAR, KdLoss.RELATION), 1, 0);
        TrainerBuilder b = Trainer.builder().setConfig(cfg).setTrainingSet(split.train()).optHeldOutSet(split.heldOut())
                .optOutputDir(config.out().resolve("train")).optResume(config.resume()).optStopRequest(stop)
                .optProvenance(RunProvenance.start(recipe, data)).optObjective(objective);
        if (shaped != null) {
            b.optInitialModel(teacher.modelPath(), shaped.teacherShape());
        }
        return b.build();
    }

    private DatasetEmbeddings embedWithOrt(Path model, FaceDataset heldOut, CorruptImagePolicy corruptImages) throws IOException {
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(model).optL2Normalize(false).optBatchSize(32).build()) {
            return OnnxRuntimeEmbedding.embed(e, heldOut, corruptImages);
        }
    }

    private static Map<String, Object> parity(Path model, FeatureMatrix djl, FeatureMatrix ort) throws IOException {
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < djl.rows(); i++) {
            double rel = Parity.relativeL2(ort.row(i), djl.row(i));
            worst = Math.max(worst, rel);
            sum += rel;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.getFileName().toString());
        m.put("bytes", Files.size(model));
        m.put("images", djl.rows());
        m.put("max_relative_l2", worst);
        m.put("mean_relative_l2", sum / djl.rows());
        m.put("parity_ok", worst <= 1e-4);
        return m;
    }

    private Map<String, Object> dataReport(Path data, IdentitySplit split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folder", data.toString());
        m.put("synthetic", config.data() == null);
        m.putAll(split.counts());
        return m;
    }

    private static Map<String, Object> trainReport(TrainingSummary s, Trainer trainer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss_name", "arcnegface");
        m.put("steps", s.steps());
        m.put("final_loss", s.loss());
        m.put("mean_loss", s.meanLoss());
        m.put("training_accuracy", Double.isNaN(s.accuracy()) ? null : s.accuracy()); // NaN: distillation, no margin head
        m.put("images_per_second", s.imagesPerSecond());
        m.put("seconds", s.seconds());
        m.put("batch", trainer.config().batchSize());
        m.put("learning_rate", trainer.config().learningRate());
        return m;
    }

    private interface Stage<T> {
        T run() throws IOException;
    }

    private <T> T stage(String name, Stage<T> body) throws IOException {
        if (stop.isRequested()) {
            Path train = config.out().resolve("train");
            throw new StoppedException(stop, "before the stage '" + name + "'", CheckpointStore.latest(train).orElse(null));
        }
        log.println("demo: " + name + " ...");
        long t = System.nanoTime();
        T r = body.run();
        double s = (System.nanoTime() - t) / 1e9;
        seconds.put(name, s);
        log.printf(Locale.ROOT, "demo: %s done in %.1f s%n", name, s);
        return r;
    }
}
