package io.polyface.cli;

import io.polyface.cli.common.DetectorOption;
import io.polyface.cli.common.Json;
import io.polyface.cli.common.JsonOutput;
import io.polyface.cli.common.SeedOption;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.core.flops.Convention;
import io.polyface.core.image.ChannelOrder;
import io.polyface.examples.demo.BudgetArchitecture;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.UnlabelledImages;
import io.polyface.train.distill.DistillationResult;
import io.polyface.train.distill.CheckpointTeacher;
import io.polyface.train.distill.DistillationRun;
import io.polyface.train.distill.KdLoss;
import io.polyface.train.distill.OnnxTeacher;
import io.polyface.train.distill.TeacherShapedStudent;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.stop.SignalStop;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code polyface distill}: distils an ONNX face-embedding teacher, or a PolyFace checkpoint, into a student architecture
 * ({@code io.polyface.train.distill.DistillationRun}), writing checkpoints, metrics and the student's ONNX model.
 */
@Command(name = "distill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Distils a teacher (an ONNX face-embedding model, or a PolyFace 'train --out' checkpoint) into a student (preset, spec JSON, or for --budget the",
            "teacher's own architecture at a smaller input initialised from its weights when the teacher is a",
            "known preset, else the searched architecture; see --student-init): the student learns the teacher's embeddings of the crops it sees",
            "(angular, cosine and/or relational distillation; labels optional). Training images are aligned",
            "once with YuNet as at inference (cached in --out/aligned). Writes to --out: checkpoints (exact",
            "--resume), metrics.jsonl and model.onnx (the student alone; preprocessing in its metadata, so",
            "'polyface embed --model DIR/model.onnx --align yunet' needs no other flag). With --holdout-ids K",
            "the last K identities are held out and student and teacher are compared on all their pairs",
            "through ONNX Runtime.",
        },
        footer = {
            "",
            "Example:",
            "  bin/polyface distill --teacher ../shared/models/fr_feature.onnx --data ../shared/data/orl \\",
            "      --holdout-ids 10 --budget 0.2G --out /tmp/distill --json",
            "  (the same with --resume continues an interrupted run)",
            "  bin/polyface distill --teacher /tmp/orl-run --data ../shared/data/orl --kd-loss proxyless,angular \\",
            "      --arch mobilefacenet-tiny --out /tmp/proxyless        (a 'train --out' run as teacher, ProxylessKD)",
        })
final class DistillCommand implements Callable<Integer> {

    /** Default run length in epochs over the training part, student from scratch (measured: see README, Distillation). */
    static final int DEFAULT_EPOCHS = 60;

    /**
     * Default run length of a student initialised from the teacher: 16 epochs (80 steps of 64 on ORL s1–s30), which
     * reached 0.824 TAR@FAR=1e-2 with the teacher cache, above 300 steps without it (0.793; README, Distillation).
     */
    static final int TEACHER_INIT_DEFAULT_EPOCHS = 16;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--teacher", paramLabel = "M.onnx|RUN", required = true,
            description = "Teacher: an ONNX face-embedding model [N,3,H,W] -> [N,D], or a PolyFace checkpoint (a 'polyface train --out' "
                    + "folder, its latest checkpoint, or a checkpoint-NNNNNNNN folder): its network is exported to --out/teacher.onnx "
                    + "and its class centres serve --kd-loss proxyless.")
    Path teacher;

    @Option(names = "--teacher-rgb", description = "Teacher takes RGB (for a teacher without preprocessing metadata).")
    boolean teacherRgb;

    @Option(names = "--teacher-bgr", description = "Teacher takes BGR (for a teacher without preprocessing metadata).")
    boolean teacherBgr;

    @Option(names = "--teacher-mean", paramLabel = "M", description = "Teacher pixel mean (for a teacher without preprocessing metadata).")
    Float teacherMean;

    @Option(names = "--teacher-std", paramLabel = "S", description = "Teacher pixel divisor (for a teacher without preprocessing metadata).")
    Float teacherStd;

    @Option(names = "--teacher-input", paramLabel = "PIXELS", description = "Teacher input size (for a teacher without preprocessing metadata).")
    Integer teacherInput;

    @Option(names = "--data", paramLabel = "DIR|LIST|FILE.rec", required = true,
            description = "Training images: an image folder (one sub-folder per identity), a list file or a RecordIO .rec; with "
                    + "--unlabelled any folder of images (searched recursively) or a list of paths.")
    Path data;

    @Option(names = "--unlabelled", description = "Ignore identities: train with the distillation losses alone.")
    boolean unlabelled;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Student student;

    static final class Student {
        @Option(names = "--arch", paramLabel = "NAME|FILE.json", required = true, description = "Student: a preset name or an architecture spec JSON.")
        String arch;

        @Option(names = "--budget", paramLabel = "GFLOPS", required = true,
                description = "Student: the architecture 'demo --budget' takes for this budget (LFR rule), e.g. 0.2G (default 0.2G).")
        String budget;
    }

    @Option(names = "--student-init", paramLabel = "auto|teacher|scratch", defaultValue = "auto",
            description = "teacher: the student is the teacher's own architecture (a preset the teacher imports as, e.g. "
                    + "mobilefacenet-y1 for fr_feature.onnx) at a smaller input and starts from the teacher's weights (the global "
                    + "depthwise kernel resampled); with --budget the largest input (multiple of 16) within the budget. scratch: the "
                    + "--arch or searched --budget architecture from a seeded initialisation. auto: teacher with --budget when the "
                    + "teacher is a known preset and a smaller input meets the budget, else scratch (default ${DEFAULT-VALUE}).")
    String studentInit;

    @Option(names = "--student-input", paramLabel = "PIXELS",
            description = "Input size of the --arch student (a multiple of 16 for stride-16 networks; default: the preset's).")
    Integer studentInput;

    @Option(names = "--align", paramLabel = "yunet|none", defaultValue = "yunet",
            description = "yunet: align the training images once with YuNet's 5 landmarks (as embed --align yunet); none: use them as "
                    + "they are (default ${DEFAULT-VALUE}).")
    String align;

    /** The YuNet model of {@code --align yunet}. */
    @Mixin
    DetectorOption detector;

    @Option(names = "--kd-loss", paramLabel = "LIST", defaultValue = "angular,relation",
            description = "Distillation terms: angular (2-2cos, VarGFaceNet), cosine (1-cos), relation (batch cosine matrix), "
                    + "proxyless (ProxylessKD: the teacher's margin loss against its frozen class centres; needs a checkpoint --teacher "
                    + "and labelled --data with the teacher's classes) (default ${DEFAULT-VALUE}).")
    String kdLoss;

    @Option(names = "--kd-weight", paramLabel = "W", defaultValue = "1", description = "Weight of the distillation terms (default ${DEFAULT-VALUE}).")
    double kdWeight;

    @Option(names = "--loss", paramLabel = "NAME", description = "Add this margin loss of polyface-losses (labelled data) with --margin-weight.")
    String loss;

    @Option(names = "--margin-weight", paramLabel = "LAMBDA", defaultValue = "0.1",
            description = "Weight λ of --loss (default ${DEFAULT-VALUE}).")
    double marginWeight;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length;

    static final class Length {
        @Option(names = "--steps", paramLabel = "N", required = true, description = "Training steps.")
        Long steps;

        @Option(names = "--epochs", paramLabel = "E", required = true, description = "Training epochs (default "
                + TEACHER_INIT_DEFAULT_EPOCHS + " for a student initialised from the teacher, " + DEFAULT_EPOCHS + " from scratch).")
        Integer epochs;
    }

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Images per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1", description = "Base learning rate, cosine schedule (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--augment", paramLabel = "LIST", defaultValue = "flip,crop,jitter",
            description = "Augmentations of the student's crops, which the teacher sees too (default ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--holdout-ids", paramLabel = "K", defaultValue = "0",
            description = "Hold out the last K identities for the student/teacher comparison (default ${DEFAULT-VALUE}).")
    int holdoutIds;

    @Option(names = "--teacher-cache", negatable = true, description = "Use the teacher's cached embeddings of the un-augmented images "
            + "(keyed by image and teacher SHA-256, in --out/teacher-cache) instead of embedding every augmented crop. Default: on for a "
            + "student initialised from the teacher (its smaller crop, read back at the teacher's input, would blur the targets), off otherwise.")
    Boolean teacherCache;

    @Option(names = "--teacher-prefetch", negatable = true,
            description = "Without --teacher-cache, run the teacher on the next batch on its own thread while the student trains on "
                    + "this one (the same targets either way). Default: on with " + DistillationRun.PREFETCH_MIN_PROCESSORS
                    + " or more processors, off below (measured on 2 shared cores: no gain; README, Distillation).")
    Boolean teacherPrefetch;

    @Option(names = "--teacher-threads", paramLabel = "N", defaultValue = "1",
            description = "ONNX Runtime intra-op threads of the teacher; 0: ONNX Runtime's default, one per physical core "
                    + "(default ${DEFAULT-VALUE}, leaving the other cores to the student; see README, Distillation).")
    int teacherThreads;

    @Mixin
    SeedOption seed;

    @Mixin
    TrainingRunOptions run;

    @Option(names = "--strict", description = "Stop at the first image without a face or corrupt image, naming it.")
    boolean strict;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        if (teacherRgb && teacherBgr) {
            throw new IllegalArgumentException("give --teacher-rgb or --teacher-bgr, not both");
        }
        run.checkOutput(out);
        if (!"yunet".equals(align) && !"none".equals(align)) {
            throw new IllegalArgumentException("--align must be yunet or none, got " + align);
        }
        var kd = KdLoss.parseList(kdLoss);
        if (!"auto".equals(studentInit) && !"teacher".equals(studentInit) && !"scratch".equals(studentInit)) {
            throw new IllegalArgumentException("--student-init must be auto, teacher or scratch, got " + studentInit);
        }
        boolean byArch = student != null && student.arch != null;
        if (studentInput != null && !byArch) {
            throw new IllegalArgumentException("--student-input " + studentInput + " goes with --arch; --budget chooses the input itself");
        }
        PrintWriter err = spec.commandLine().getErr();
        StopRequest stop = new StopRequest();
        PreprocessingStatement statement = PreprocessingStatement.of(teacherInput,
                teacherRgb ? ChannelOrder.RGB : teacherBgr ? ChannelOrder.BGR : null, teacherMean, teacherStd);
        if (kd.contains(KdLoss.PROXYLESS) && !CheckpointTeacher.isCheckpoint(teacher)) {
            throw new IllegalArgumentException("--kd-loss proxyless: needs a PolyFace checkpoint as --teacher (a 'polyface train --out' "
                    + "folder, for its class centres); " + teacher + " is not a folder");
        }
        if (kd.contains(KdLoss.PROXYLESS) && unlabelled) {
            throw new IllegalArgumentException("--kd-loss proxyless: needs labelled --data naming the teacher's classes, not --unlabelled");
        }
        CheckpointTeacher checkpoint = null;
        Path teacherModel = teacher;
        if (CheckpointTeacher.isCheckpoint(teacher)) {
            checkpoint = CheckpointTeacher.export(teacher, out.resolve("teacher.onnx"));
            teacherModel = checkpoint.onnx();
            err.println("polyface distill: teacher " + checkpoint.checkpoint() + " (" + checkpoint.classes() + " classes, "
                    + checkpoint.embeddingSize() + "-d) exported to " + teacherModel);
        }
        try (OnnxTeacher t = OnnxTeacher.open(teacherModel, statement, n -> err.println("polyface distill: " + n), teacherThreads);
             FaceDataset all = unlabelled ? UnlabelledImages.open(data) : Datasets.open(data);
             YuNetDetector yunet = "yunet".equals(align) ? YuNetDetector.builder().setModelPath(detectorPath()).build() : null;
             SignalStop signals = Interruption.install(spec, stop)) {
            int tIn = t.preprocessing().inputHeight();
            TeacherShapedStudent shaped = null;
            ArchSpec arch;
            if (byArch) {
                boolean fromTeacher = "teacher".equals(studentInit);
                arch = Architectures.resolve(student.arch, new ArchOverrides(studentInput, null, null, null,
                        fromTeacher ? t.embeddingSize() : null, null, null, null));
                shaped = fromTeacher ? TeacherShapedStudent.of(arch, teacherModel, tIn, t.embeddingSize()) : null;
            } else {
                double gflops = parseGflops(student == null ? "0.2G" : student.budget);
                if (!"scratch".equals(studentInit)) {
                    shaped = TeacherShapedStudent.forBudget(t, Math.round(gflops * 1e9)).orElse(null);
                    if (shaped == null && "teacher".equals(studentInit)) {
                        throw new IllegalArgumentException("--student-init teacher: " + teacherModel + " imports as none of "
                                + TeacherShapedStudent.PRESETS + ", or no input below " + tIn + " meets --budget " + gflops + "G");
                    }
                }
                arch = shaped != null ? shaped.student() : BudgetArchitecture.choose(gflops, seed.value(), "distill-").spec();
            }
            if (shaped != null) {
                err.println("polyface distill: student " + arch.name() + " at " + shaped.input() + " pixels, initialised from the teacher ("
                        + tIn + " pixels)");
            }
            DistillationRun.Builder b = DistillationRun.builder().setTeacher(t).setData(all, unlabelled).setStudent(arch).setOutput(out)
                    .optStudentFromTeacher(shaped == null ? null : shaped.teacherShape()).optCheckpointTeacher(checkpoint)
                    .optDetector(yunet).optKd(kd, kdWeight).optBatch(batch, lr).optAugmentation(augment).optHoldoutIds(holdoutIds)
                    .optSeed(seed.value(), run.resume).optTeacherCache(teacherCache != null ? teacherCache : shaped != null).optStrict(strict)
                    .optTeacherPrefetch(teacherPrefetch != null ? teacherPrefetch : DistillationRun.defaultPrefetch())
                    .optCheckpoints(run.checkpointEvery, run.workerThreads())
                    .optStopRequest(stop).optProgress(run.progress(err))
                    .optLog(line -> {
                        err.println("polyface distill: " + line);
                        err.flush();
                    });
            if (loss != null) {
                b.optMarginLoss(loss, marginWeight);
            }
            if (length != null && length.steps != null) {
                b.optSteps(length.steps);
            } else {
                b.optEpochs(length != null ? length.epochs : shaped != null ? TEACHER_INIT_DEFAULT_EPOCHS : DEFAULT_EPOCHS);
            }
            DistillationResult r = b.build().run();
            if (r.model() == null) {
                return Interruption.report(spec, new StoppedException(stop, "after step " + r.summary().steps(), r.summary().lastCheckpoint()));
            }
            report(r, arch, shaped != null);
        }
        return stop.isRequested() ? Interruption.completedAnyway(spec, stop) : 0;
    }

    private Path detectorPath() {
        Path p = detector.path();
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--detector " + p + ": no such file; expected the YuNet model (or --align none)");
        }
        return p;
    }

    static double parseGflops(String text) {
        String t = text.strip();
        boolean bare = !t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1)); // a bare number is GFLOPs
        return FlopsBudget.parseCount(bare ? t + "G" : t, "--budget") / 1e9;
    }

    private void report(DistillationResult r, ArchSpec arch, boolean fromTeacher) {
        PrintWriter o = spec.commandLine().getOut();
        var s = r.summary();
        if (json.enabled()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", s.steps());
            m.put("steps_this_run", s.stepsThisRun());
            m.put("loss", Double.isFinite(s.loss()) ? s.loss() : null);
            m.put("images_per_second", s.imagesPerSecond());
            m.put("seconds", s.seconds());
            m.put("student", arch.name());
            m.put("student_input", arch.input().dims()[1]);
            m.put("student_init", fromTeacher ? "teacher" : "scratch");
            m.put("student_flops", r.studentFlops());
            m.put("flops_convention", Convention.LFR.id());
            m.put("student_embedding", arch.embeddingSize());
            m.put("objective", r.objective());
            m.put("data", r.counts());
            m.put("no_face", r.noFace().size());
            Map<String, Object> tar = new LinkedHashMap<>(); // null TARs without held-out identities (Map.of refuses nulls)
            tar.put("student", tars(r.student()));
            tar.put("teacher", tars(r.teacher()));
            m.put("tar", tar);
            m.put("checkpoint", s.lastCheckpoint() == null ? null : s.lastCheckpoint().toString());
            m.put("resumed_from", s.resumedFrom() == null ? null : s.resumedFrom().toString());
            m.put("metrics", out.resolve("metrics.jsonl").toString());
            m.put("onnx", r.model().toString());
            o.println(Json.line(m));
        } else {
            o.printf(Locale.ROOT, "distilled %d steps (%d in this run): loss %.4f, %.1f images/s; student %s, %d FLOPs (LFR rule)%n",
                    s.steps(), s.stepsThisRun(), s.loss(), s.imagesPerSecond(), arch.name(), r.studentFlops());
            if (!r.noFace().isEmpty()) {
                o.println("  no face found in " + r.noFace().size() + " training images (left out; listed above)");
            }
            for (EvaluationResult e : new EvaluationResult[] {r.teacher(), r.student()}) {
                if (e != null) {
                    StringBuilder line = new StringBuilder("  " + e.set() + " (" + e.genuinePairs() + " genuine, " + e.impostorPairs() + " impostor pairs):");
                    e.tarByFar().forEach((far, tar) -> line.append(String.format(Locale.ROOT, " TAR@FAR=%s %.4f", far, tar)));
                    o.println(line);
                }
            }
            o.println("  checkpoint " + s.lastCheckpoint() + ", model " + r.model() + ", metrics " + out.resolve("metrics.jsonl"));
        }
        o.flush();
    }

    private static Map<String, Double> tars(EvaluationResult e) {
        return e == null ? null : e.tarByFar();
    }
}
