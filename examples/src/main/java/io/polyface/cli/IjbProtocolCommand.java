package io.polyface.cli;

import io.polyface.cli.common.DetectorOption;
import io.polyface.cli.common.Progress;
import io.polyface.cli.common.ResultCommand;
import io.polyface.cli.common.SeedOption;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.eval.VerificationReport;
import io.polyface.core.eval.ijb.generate.GeneratedProtocol;
import io.polyface.core.eval.ijb.generate.IjbProtocolGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code polyface ijb-protocol}: IJB-B/C protocol files from a labelled image folder ({@link IjbProtocolGenerator}). */
@Command(name = "ijb-protocol",
        mixinStandardHelpOptions = true,
        description = {
            "Writes IJB-C (or IJB-B) protocol files in InsightFace's layout from a labelled image folder DIR/subject/image,",
            "so that 'polyface ijb' runs on faces one has: faces detected by YuNet (5 landmarks), written as loose crops",
            "to ROOT/loose_crop/; subjects split into two 1:N galleries and non-mated probe subjects; templates of 1-K",
            "images in media of 1-M images; every two templates paired for 1:1 (impostor pairs sampled above --max-pairs).",
            "Images without a face are left out and reported. ROOT is written atomically (it must not exist, or be empty).",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface ijb-protocol --images ../shared/data/orl --out orl-ijb --seed 1",
            "  bin/polyface ijb --root orl-ijb --model ../shared/models/fr_feature.onnx --rgb --mean 127 --std 128",
        })
final class IjbProtocolCommand extends ResultCommand {

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Labelled image folder: DIR/subject/image.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Protocol root to create.")
    Path out;

    /** Seed of the split and the grouping. */
    @Mixin
    SeedOption seed;

    @Mixin
    IjbDatasetOption dataset;

    @Option(names = "--template-images", paramLabel = "K", defaultValue = "3", description = "Images per template, 1 to K (default: ${DEFAULT-VALUE}).")
    int templateImages;

    @Option(names = "--media-images", paramLabel = "M", defaultValue = "2", description = "Images per media, 1 to M (default: ${DEFAULT-VALUE}).")
    int mediaImages;

    @Option(names = "--max-pairs", paramLabel = "N", defaultValue = "2000000",
            description = "About the most 1:1 pairs; all genuine pairs kept, impostor pairs sampled (default: ${DEFAULT-VALUE}).")
    long maxPairs;

    @Mixin
    DetectorOption detector;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        GeneratedProtocol g;
        try (YuNetDetector yunet = YuNetDetector.builder().setModelPath(detector.path()).build()) {
            g = IjbProtocolGenerator.builder().setDetector(yunet).optDataset(dataset.value()).optSeed(seed.value())
                    .optMaxTemplateImages(templateImages).optMaxMediaImages(mediaImages).optMaxPairs(maxPairs)
                    .optProgress(Progress.printer(err, "polyface ijb-protocol", "images")).build().generate(images, out);
        }
        for (GeneratedProtocol.LeftOutImage l : g.leftOut()) {
            err.println("polyface ijb-protocol: left out " + l.path() + ": " + l.reason());
        }
        err.flush();
        PrintWriter o = out();
        if (json.enabled()) {
            o.println(VerificationReport.toString(g.toJson()));
        } else {
            String g1 = g.dataset().galleryName(1);
            String g2 = g.dataset().galleryName(2);
            o.printf(Locale.ROOT, "%s protocol written to %s (seed %d): %d of %d images with a face (%d left out)%n",
                    g.dataset().displayName(), out, seed.value(), g.facesWritten(), g.imagesFound(), g.leftOut().size());
            o.printf(Locale.ROOT, "subjects: %d in %s, %d in %s, %d non-mated; %d templates, %d media%n", g.gallery1Subjects(), g1,
                    g.gallery2Subjects(), g2, g.nonMatedSubjects(), g.templates(), g.media());
            o.printf(Locale.ROOT, "1:1: %,d pairs (%,d genuine, %,d impostor); 1:N: %d non-mated probes against %s, %d against %s%s%n",
                    g.pairs(), g.genuinePairs(), g.pairs() - g.genuinePairs(), g.nonMatedProbes1(), g1, g.nonMatedProbes2(), g2,
                    g.sampleLimited() ? " (sample-limited: FPIR 1e-2 needs 100)" : "");
        }
        o.flush();
        return 0;
    }
}
