package io.polyface.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.cli.common.EmbeddingOptions;
import io.polyface.cli.common.PerRowFiles;
import io.polyface.cli.common.Progress;
import io.polyface.cli.common.ResultCommand;
import io.polyface.cli.common.VerificationOptions;
import io.polyface.cli.common.VerificationOutput;
import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.CosineSimilarity;
import io.polyface.core.eval.LfwFold;
import io.polyface.core.eval.LfwProtocol;
import io.polyface.core.eval.LfwResult;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationReport;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.eval.VerificationScores;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.ImageListFile;
import io.polyface.core.io.LabelsFile;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.io.LfwPair;
import io.polyface.core.io.LfwPairList;
import io.polyface.core.io.LfwPairsFile;
import io.polyface.core.pipeline.EmbeddingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code polyface eval}: verification evaluation of precomputed embeddings stored in an LFR feature file
 * (16-byte header, float32 rows). Two protocols:
 * <ul>
 *   <li>all pairs ({@code --labels}): every unordered pair of rows, genuine when the labels match, exact
 *       TAR at each target FAR;</li>
 *   <li>LFW ({@code --pairs --list}): the 10-fold protocol over the pairs of {@code pairs.txt}, the rows
 *       named by a list file of relative image paths.</li>
 * </ul>
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Verification evaluation (TAR@FAR with the exact rule, ROC, LFW) of embeddings.",
            "Embeddings come from an LFR feature file (header: rows, cols, cols*4, 5 as",
            "little-endian int32; then float32 rows). Scores are cosine similarities; a pair is accepted when",
            "score > threshold, the threshold being the (k+1)-th largest impostor score with k = floor(FAR * impostor pairs).",
            "",
            "All pairs:  --features FILE --labels FILE   (one identity label per line, in row order)",
            "LFW:        --pairs pairs.txt --features FILE --list FILE   (one relative path per line, e.g. name/name_0001.jpg)",
            "From images: --model M.onnx --images DIR [embedding options]  replaces --features/--labels (all pairs) or",
            "            --features/--list (with --pairs: paths relative to DIR must match pairs.txt's name/name_%%04d.jpg).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface eval --features feats.bin --labels labels.txt --far 1e-6,1e-5,1e-4,1e-3 --roc roc.png",
            "  bin/polyface eval --features feats.bin --labels labels.txt --json > report.json",
            "  bin/polyface eval --pairs ../shared/data/lfw/pairs.txt --features lfw.bin --list lfw_list.txt",
            "  bin/polyface eval --model ../shared/models/fr_feature.onnx --images ../shared/data/orl --far 1e-3",
        })
final class EvalCommand extends ResultCommand {

    @Option(names = "--features", paramLabel = "FILE", description = "LFR feature file, one embedding per row.")
    Path features;

    @picocli.CommandLine.Mixin
    EmbeddingOptions embedding;

    @Option(names = "--images", paramLabel = "DIR",
            description = "With --model: embed this image folder first (identity = first path component; rows named by relative path).")
    Path images;

    /** The embedded folder, when --model and --images are given. */
    private io.polyface.core.pipeline.FolderEmbeddings embedded;

    @Option(names = "--labels", paramLabel = "FILE", description = "Identity labels, one per line in row order (all-pairs protocol).")
    Path labels;

    @Option(names = "--pairs", paramLabel = "FILE", description = "LFW pairs.txt (LFW protocol; needs --list).")
    Path pairs;

    @Option(names = "--list", paramLabel = "FILE", description = "Relative image path of each feature row, one per line (LFW protocol).")
    Path list;

    @picocli.CommandLine.Mixin
    VerificationOptions verification;

    @Option(names = "--threads", paramLabel = "N", description = "All pairs: scan threads (default: one per processor).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (embedding.model() != null || images != null) {
            if (embedding.model() == null || images == null) {
                throw new IllegalArgumentException("--model and --images go together");
            }
            if (features != null || labels != null || list != null) {
                throw new IllegalArgumentException("--model/--images replace --features, --labels and --list");
            }
            try (EmbeddingSetup.Opened opened = embedding.open(Notices.to(spec, "eval"))) {
                embedded = opened.folder().embed(images, Progress.printer(err(), "polyface eval", "images"));
            }
            for (String u : embedded.unreadable()) {
                err().println("polyface eval: unreadable: " + u);
            }
            for (String n : embedded.noFace()) {
                err().println("polyface eval: no face: " + n);
            }
            features = images;
            return pairs != null ? lfw() : allPairs();
        }
        if (features == null) {
            throw new IllegalArgumentException("give --features FILE (or --model with --images)");
        }
        boolean allPairs = labels != null;
        boolean lfw = pairs != null || list != null;
        if (allPairs == lfw) {
            throw new IllegalArgumentException("give either --labels (all pairs) or --pairs with --list (LFW), not "
                    + (allPairs ? "both" : "neither"));
        }
        if (lfw && (pairs == null || list == null)) {
            throw new IllegalArgumentException("the LFW protocol needs both --pairs and --list");
        }
        return allPairs ? allPairs() : lfw();
    }

    private Integer allPairs() throws Exception {
        PrintWriter err = err();
        FeatureMatrix x = embedded != null ? embedded.features() : LfrFeatureFile.read(features);
        List<String> ids = embedded != null ? embedded.labels() : LabelsFile.read(labels);
        PerRowFiles.requireOneLabelPerRow(labels, ids, features, x.rows());
        AllPairsEvaluator.Builder b = verification.evaluator();
        if (threads != null) {
            b.optScanThreads(threads);
        }
        long[] lastPercent = {-1};
        b.optProgress((done, total) -> {
            long percent = 100 * done / total;
            if (percent / 10 != lastPercent[0] / 10) {
                err.printf(Locale.ROOT, "polyface eval: %d%% of %,d pairs scored%n", percent, total);
                err.flush();
                lastPercent[0] = percent;
            }
        });
        VerificationResult result = b.build().evaluate(x, ids);
        verification.writeRoc(result, "ROC, all pairs of " + x.rows() + " embeddings (" + features.getFileName() + ")");
        VerificationOutput.printAllPairs(out(), result, features, x.rows(), x.cols(), verification.roc(), json.enabled(), null);
        return 0;
    }

    private Integer lfw() throws Exception {
        LfwPairList pairList = LfwPairsFile.read(pairs);
        FeatureMatrix x = embedded != null ? embedded.features() : LfrFeatureFile.read(features);
        List<ImageListFile.Entry> entries = embedded != null
                ? embedded.paths().stream().map(p -> new ImageListFile.Entry(p, java.util.Optional.empty())).toList()
                : ImageListFile.read(list);
        if (entries.size() != x.rows()) {
            throw new IllegalArgumentException(list + " names " + entries.size() + " images but " + features + " has " + x.rows()
                    + " rows; expected one path per row");
        }
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Integer previous = row.put(entries.get(i).path(), i);
            if (previous != null) {
                throw new IllegalArgumentException(list + " names " + entries.get(i).path() + " twice (lines " + (previous + 1)
                        + " and " + (i + 1) + ")");
            }
        }
        double[] scores = new double[pairList.pairs().size()];
        boolean[] genuine = new boolean[scores.length];
        for (int p = 0; p < scores.length; p++) {
            LfwPair pair = pairList.pairs().get(p);
            scores[p] = CosineSimilarity.cosine(x.row(rowOf(row, pair.path1(), p)), x.row(rowOf(row, pair.path2(), p)));
            genuine[p] = pair.genuine();
        }
        LfwResult result = LfwProtocol.evaluate(pairList, scores);
        VerificationResult all = VerificationScores.ofPairs(scores, genuine).evaluate(verification.fars());
        verification.writeRoc(all, "ROC, LFW pairs (" + features.getFileName() + ")");
        PrintWriter out = out();
        if (json.enabled()) {
            ObjectNode doc = VerificationReport.toJson(result);
            ObjectNode allJson = VerificationReport.toJson(all);
            doc.put("genuine", all.genuineCount());
            doc.put("impostor", all.impostorCount());
            doc.set("results", allJson.get("results"));
            out.println(VerificationReport.toString(doc));
        } else {
            out.printf(Locale.ROOT, "LFW %d-fold verification of %s (%,d pairs: %,d genuine, %,d impostor)%n", pairList.folds(), features,
                    scores.length, all.genuineCount(), all.impostorCount());
            out.printf(Locale.ROOT, "accuracy %.4f, std over folds %.4f (population), standard error %.4f%n",
                    result.accuracyMean(), result.accuracyStd(), result.accuracyStandardError());
            for (LfwFold f : result.folds()) {
                out.printf(Locale.ROOT, "  fold %2d  threshold %.6f  train %.4f  test %.4f%n", f.fold() + 1, f.threshold(),
                        f.trainAccuracy(), f.testAccuracy());
            }
            List<OperatingPoint> points = new ArrayList<>(all.operatingPoints());
            if (!verification.fars().contains(LfwProtocol.TARGET_FAR)) {
                points.add(result.tarAtFar());
            }
            VerificationOutput.printTable(out, points);
            if (verification.roc() != null) {
                out.println("ROC curve written to " + verification.roc());
            }
        }
        return 0;
    }

    private int rowOf(Map<String, Integer> row, String path, int pair) {
        Integer r = row.get(path);
        if (r == null) {
            throw new IllegalArgumentException("pair " + (pair + 1) + " of " + pairs + " needs " + path + ", which " + list + " does not name");
        }
        return r;
    }
}
