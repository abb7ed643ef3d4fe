package io.polyface.spark.cli;

import io.polyface.cli.common.PerRowFiles;
import io.polyface.core.eval.GalleryMatch;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LabelsFile;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.util.OrderedMaps;
import io.polyface.spark.eval.LfrFileSource;
import io.polyface.spark.search.DistributedSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code polyface-spark search}: 1:N identification of probes against a gallery, on Spark. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "1:N search on Spark: each probe's top-k gallery identities by cosine score (probes split among tasks, the gallery",
            "broadcast in blocks), then rank-1 and the CMC over the probes whose identity is enrolled (closed set) and, when",
            "some are not, TPIR at each target FPIR (open set, FPIR from the non-mated probes; NIST IR 8271).",
            "The gallery holds one template per identity (e.g. from 'aggregate'); a probe is mated when its label is enrolled.",
        },
        footer = {
            "",
            "Example:",
            "  bin/polyface-spark search --gallery gallery.feat --gallery-labels gallery.feat.labels --probes probes.feat --probe-labels probes.feat.labels --fpir 0.01,0.1",
        })
final class SparkSearchCommand extends SparkCommand {

    @Option(names = "--gallery", required = true, paramLabel = "FILE", description = "Gallery templates: LFR feature file, one row per identity.")
    Path gallery;

    @Option(names = "--gallery-labels", required = true, paramLabel = "FILE", description = "The identity of each gallery row (all distinct).")
    Path galleryLabels;

    @Option(names = "--probes", required = true, paramLabel = "FILE", description = "Probe embeddings: LFR feature file.")
    Path probes;

    @Option(names = "--probe-labels", required = true, paramLabel = "FILE", description = "The identity of each probe row.")
    Path probeLabels;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "Candidates kept per probe, also the CMC's last rank (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--rank", paramLabel = "R", defaultValue = "1", description = "TPIR counts a mate within the top R (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--fpir", split = ",", paramLabel = "FPIR", defaultValue = "0.001,0.01,0.1",
            description = "Open-set target FPIRs (default: ${DEFAULT-VALUE}).")
    List<Double> fpirs;

    @Option(names = "--gallery-block", paramLabel = "N", defaultValue = "65536", description = "Identities per broadcast gallery block (default: ${DEFAULT-VALUE}).")
    int galleryBlock;

    @Override
    public Integer call() throws Exception {
        FeatureMatrix g = LfrFeatureFile.read(gallery);
        List<String> gIds = LabelsFile.read(galleryLabels);
        LfrFileSource p = LfrFileSource.open(probes);
        List<String> pIds = PerRowFiles.labels(probeLabels, probes, p.rows());
        PerRowFiles.requireOneLabelPerRow(galleryLabels, gIds, gallery, g.rows());
        List<List<GalleryMatch>> results;
        try (SparkOptions.Session session = openSession()) {
            results = new DistributedSearch(topK, galleryBlock, session.partitions())
                    .search(session.context(), g, gIds, p);
        }
        DistributedSearch.Figures f = DistributedSearch.figures(results, pIds, gIds, topK, fpirs, rank);
        json.print(out(), () -> toJson(f, g.rows()), o -> {
            o.printf(Locale.ROOT, "%,d probes (%,d mated) against %,d identities: rank-1 %.4f, rank-%d %.4f%n", f.probes(), f.mated(),
                    g.rows(), f.cmc().rank1(), f.cmc().identificationRates().size(),
                    f.cmc().identificationRates().get(f.cmc().identificationRates().size() - 1));
            for (OpenSetPoint x : f.openSet()) {
                o.printf(Locale.ROOT, "  FPIR %-8s TPIR %.4f (FPIR reached %.3g, threshold %.6f%s)%n", x.targetFpir(), x.tpir(),
                        x.fpirAchieved(), x.threshold(), x.sampleLimited() ? ", sample-limited" : "");
            }
        });
        return 0;
    }

    /** The {@code --json} object: gallery, probes, mated, rank1, cmc, open_set (fpir, tpir, fpir_achieved, threshold, k, sample_limited). */
    private static Map<String, Object> toJson(DistributedSearch.Figures f, int galleryRows) {
        List<Map<String, Object>> open = new ArrayList<>();
        for (OpenSetPoint x : f.openSet()) {
            open.add(OrderedMaps.of("fpir", x.targetFpir(), "tpir", x.tpir(), "fpir_achieved", x.fpirAchieved(),
                    "threshold", x.threshold(), "k", x.nonMatedAllowed(), "sample_limited", x.sampleLimited()));
        }
        return OrderedMaps.of("gallery", galleryRows, "probes", f.probes(), "mated", f.mated(), "rank1", f.cmc().rank1(),
                "cmc", f.cmc().identificationRates(), "open_set", open);
    }
}
