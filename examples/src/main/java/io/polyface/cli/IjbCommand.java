package io.polyface.cli;

import io.polyface.cli.common.EmbedderOptions;
import io.polyface.cli.common.Progress;
import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.IjbTemplate;
import io.polyface.aggregation.ijb.IjbEvaluation;
import io.polyface.aggregation.ijb.IjbResult;
import io.polyface.aggregation.ijb.IjbResultJson;
import io.polyface.aggregation.ijb.IjbResultText;
import io.polyface.aggregation.ijb.ImageFeatures;
import io.polyface.aggregation.ijb.ImageFeaturesFile;
import io.polyface.aggregation.ijb.ProtocolImageEmbedder;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.cli.common.ResultCommand;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.eval.RocPlot;
import io.polyface.core.eval.VerificationReport;
import io.polyface.core.eval.ijb.IjbLayout;
import io.polyface.core.eval.ijb.IjbProtocol;
import io.polyface.core.eval.ijb.TemplatePairScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code polyface ijb}: IJB-B / IJB-C 1:1 template verification and 1:N open-set identification from the
 * protocol files in InsightFace's layout ({@code io.polyface.aggregation.ijb.IjbEvaluation}).
 */
@Command(name = "ijb",
        mixinStandardHelpOptions = true,
        description = {
            "IJB-B / IJB-C evaluation from the public protocol files (InsightFace's layout: ROOT/meta/ijbc_*.txt|csv,",
            "ROOT/loose_crop/). Images are aligned with the protocol's landmarks (no detection) and embedded; templates",
            "are built as InsightFace's eval_ijbc.py does by default (flip added, detector-score weights, raw embedding",
            "norms, frames averaged per media, media summed, L2-normalised), or by QAN++ from a quality model.",
            "1:1: every listed pair, streamed; TAR at each FAR with the exact rule (accept when score > threshold, at most",
            "floor(FAR x impostors) impostors accepted), the InsightFace-compatible nearest-ROC-point TPR beside it.",
            "1:N: each gallery searched separately by the mixed probes and the two averaged; TPIR at each FPIR (mate ranked",
            "first and above a threshold taken from the non-mated probes only); CMC ranks 1, 5, 10.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface ijb-protocol --images ../shared/data/orl --out orl-ijb",
            "  bin/polyface ijb --root orl-ijb --model ../shared/models/fr_feature.onnx --rgb --mean 127 --std 128 --features orl-ijb.feat",
            "  bin/polyface ijb --root orl-ijb --features orl-ijb.feat --no-detector-score --media-normalize --json",
            "  bin/polyface ijb --root IJB_release/IJBC --dataset ijbc --model r100.onnx --rgb --mean 127.5 --std 127.5 --roc ijbc.png",
        })
final class IjbCommand extends ResultCommand {

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "Protocol root (meta/ and loose_crop/ inside).")
    Path root;

    @Mixin
    IjbDatasetOption dataset;

    @Mixin
    EmbedderOptions embedder;

    @Option(names = "--aggregate", split = ",", paramLabel = "ijb|qanpp", defaultValue = "ijb",
            description = "Template rule(s), comma-separated to compare side by side; the first is the primary one "
                    + "(default: ${DEFAULT-VALUE}). qanpp needs --quality.")
    List<String> aggregate;

    @Option(names = "--quality", paramLabel = "Q.onnx", description = "Quality model ([N,3,H,W] -> [N,1]) for qanpp, run on the same crops.")
    Path quality;

    @Option(names = "--detector-score", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ijb rule: weight each image by its detector score (default: on; --no-detector-score: off).")
    boolean detectorScore;

    @Option(names = "--norm-score", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep each embedding's norm as its weight (default: on; --no-norm-score L2-normalises images first).")
    boolean normScore;

    @Option(names = "--media-normalize", description = "ijb rule: L2-normalise each media mean before the sum.")
    boolean mediaNormalize;

    @Option(names = "--features", paramLabel = "F",
            description = "Image features: read F (with F.list, F.quality) if it exists instead of running the model, else save them there.")
    Path features;

    @Option(names = "--far", split = ",", paramLabel = "FAR", defaultValue = "1e-6,1e-5,1e-4,1e-3,1e-2,1e-1",
            description = "1:1 target FARs (default: ${DEFAULT-VALUE}).")
    List<Double> fars;

    @Option(names = "--fpir", split = ",", paramLabel = "FPIR", defaultValue = "1e-2,1e-1",
            description = "1:N target FPIRs (default: ${DEFAULT-VALUE}).")
    List<Double> fpirs;

    @Option(names = "--roc", paramLabel = "PNG", description = "Also write the 1:1 ROC curve of the primary rule to this PNG file.")
    Path roc;

    @Option(names = "--strict", description = "Fail when an image is missing or unreadable (default: leave it out, count and report it).")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        IjbProtocol protocol = IjbProtocol.read(new IjbLayout(root, dataset.value()));
        List<Aggregator> rules = new ArrayList<>();
        boolean needQuality = false;
        for (String name : aggregate) {
            AggregationMethod m = AggregationMethod.parse(name);
            rules.add(m == AggregationMethod.IJB
                    ? IjbTemplate.builder().optFacenessWeighting(detectorScore).optNormalizeMedia(mediaNormalize).build() : m.create(true));
            needQuality |= m == AggregationMethod.QAN || m == AggregationMethod.QANPP;
        }
        boolean reuse = features != null && Files.exists(features);
        if (reuse && (embedder.model() != null || quality != null)) {
            err.println("polyface ijb: note: reusing the image features of " + features + "; --model and --quality are not run");
        }
        if (!needQuality && quality != null && !reuse) {
            err.println("polyface ijb: note: --quality is only used by --aggregate qanpp (or qan)");
        }
        ImageFeatures images = reuse ? ImageFeaturesFile.read(features, protocol.images(), needQuality) : embed(protocol, needQuality, err);
        if (strict && !images.notEmbedded().isEmpty()) {
            throw new IllegalArgumentException(images.notEmbedded().size() + " image(s) not embedded (strict mode): "
                    + String.join("; ", images.notEmbedded().subList(0, Math.min(5, images.notEmbedded().size()))));
        }
        for (String n : images.notEmbedded()) {
            err.println("polyface ijb: not embedded: " + n);
        }
        err.flush();
        TemplatePairScorer scorer = TemplatePairScorer.builder().optProgress(lines(err)).build();
        IjbResult result = IjbEvaluation.builder().optAggregators(rules).optNormalizeImages(!normScore).optTargetFars(fars)
                .optTargetFpirs(fpirs).optPairScorer(scorer).optLog(s -> {
                    err.println("polyface ijb: " + s);
                    err.flush();
                }).build().evaluate(protocol, images);
        if (roc != null) {
            IjbResult.MethodResult m = result.methods().get(0);
            RocPlot.write(roc, m.verification(), protocol.layout().dataset().displayName() + " 1:1, " + m.aggregate() + " templates ("
                    + root.getFileName() + ")");
        }
        PrintWriter out = out();
        if (json.enabled()) {
            out.println(VerificationReport.toString(IjbResultJson.toJson(result)));
        } else {
            out.print(IjbResultText.format(result));
            if (roc != null) {
                out.println("ROC curve written to " + roc);
            }
        }
        out.flush();
        return 0;
    }

    private ImageFeatures embed(IjbProtocol protocol, boolean needQuality, PrintWriter err) throws Exception {
        if (embedder.model() == null) {
            throw new IllegalArgumentException("give --model FILE.onnx (or --features F of a previous run)");
        }
        if (needQuality && quality == null) {
            throw new IllegalArgumentException("--aggregate qanpp needs --quality Q.onnx (a quality model)");
        }
        List<Integer> missing = protocol.rowsWithoutImageFile();
        if (!missing.isEmpty()) {
            List<String> names = missing.stream().limit(5).map(i -> protocol.images().image(i)).toList();
            if (strict) {
                throw new IllegalArgumentException(missing.size() + " image(s) missing under " + protocol.layout().images()
                        + " (strict mode): " + String.join(", ", names) + (missing.size() > 5 ? ", ..." : ""));
            }
            err.printf(Locale.ROOT, "polyface ijb: %d of %d images missing under %s (left out; --strict fails instead)%n", missing.size(),
                    protocol.images().size(), protocol.layout().images());
        }
        ImageFeatures images;
        try (FaceEmbedder model = embedder.open(false, true, Notices.to(spec, "ijb"));
             QualityScorer scorer = needQuality ? QualityScorer.builder().setModelPath(quality).build() : null) {
            images = new ProtocolImageEmbedder(model, scorer).embed(protocol, Progress.printer(err, "polyface ijb", "images"));
        }
        if (features != null) {
            ImageFeaturesFile.write(features, protocol.images(), images);
            err.println("polyface ijb: image features saved to " + features);
        }
        return images;
    }

    private static TemplatePairScorer.ProgressListener lines(PrintWriter err) {
        java.util.function.BiConsumer<Integer, Integer> p = Progress.printer(err, "polyface ijb", "pair-list lines");
        return (done, total) -> p.accept((int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(Integer.MAX_VALUE, total));
    }
}
