package io.polyface.core.eval.ijb;

import io.polyface.core.eval.CmcCurve;
import io.polyface.core.eval.Gallery;
import io.polyface.core.eval.Identification;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.io.FeatureMatrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * IJB-B/C 1:N open-set identification of templates: each gallery ({@code G1}, {@code G2}; IJB-B {@code S1},
 * {@code S2}) is searched by the whole mixed probe list on its own, and the two results are averaged.
 * Against one gallery a probe is <em>mated</em> when its subject is enrolled there and <em>non-mated</em>
 * otherwise (so the other gallery's probes are non-mated). With {@link Identification} (Grother et al., NIST
 * IR 8271):
 * <ul>
 *   <li>TPIR at each target FPIR: the threshold is the exact one of {@link OpenSetPoint}, taken from the
 *       top scores of the non-mated probes only ({@code k = ⌊FPIR·N_nm⌋} may alarm); a mated probe counts
 *       when its mate is ranked first <em>and</em> scores above the threshold;</li>
 *   <li>CMC at ranks 1, 5, 10 over the mated probes (closed set); with fewer gallery templates than the rank,
 *       the rate at the largest rank (every mate is then within it).</li>
 * </ul>
 * This fixes three faults of InsightFace's {@code recognition/_evaluation_/ijb/ijb_1n.py}: it merged G1 and G2
 * into one gallery (so no probe is non-mated), took the threshold from the non-mate scores of the mated
 * probes, and counted a mated probe whenever its mate's score passed the threshold, even when a non-mate
 * ranked above it.
 */
public final class TemplateIdentification {

    /** The FPIRs IJB-B/C results are reported at. */
    public static final List<Double> DEFAULT_FPIRS = List.of(1e-2, 1e-1);

    /** The CMC ranks reported. */
    public static final List<Integer> CMC_RANKS = List.of(1, 5, 10);

    /**
     * The identification rate at one rank.
     *
     * @param rank the rank, {@code >= 1}
     * @param rate the fraction of mated probes whose mate is within the top {@code rank}
     */
    public record RankRate(int rank, double rate) {
    }

    /**
     * The result of one gallery.
     *
     * @param gallery the gallery's name ({@code G1}, {@code S2}, …)
     * @param galleryTemplates templates enrolled (one per subject)
     * @param matedProbes probes whose subject is enrolled
     * @param nonMatedProbes probes whose subject is not enrolled
     * @param skippedTemplates gallery or probe templates without a feature, left out
     * @param openSet TPIR at each target FPIR, in the order requested
     * @param cmc the identification rate at {@link #CMC_RANKS}
     */
    public record GalleryResult(String gallery, int galleryTemplates, int matedProbes, int nonMatedProbes, int skippedTemplates,
                                List<OpenSetPoint> openSet, List<RankRate> cmc) {

        /**
         * Makes the lists immutable.
         *
         * @throws NullPointerException if a list is null
         */
        public GalleryResult {
            openSet = List.copyOf(openSet);
            cmc = List.copyOf(cmc);
        }
    }

    /**
     * The mean over the galleries at one target FPIR.
     *
     * @param fpir the target FPIR
     * @param tpir the mean TPIR
     * @param sampleLimited whether any gallery's point is sample-limited (fewer than {@code 1/FPIR} non-mated probes)
     */
    public record MeanPoint(double fpir, double tpir, boolean sampleLimited) {
    }

    /**
     * The mean over the galleries.
     *
     * @param openSet the mean TPIR at each target FPIR
     * @param cmc the mean identification rate at each CMC rank
     */
    public record MeanResult(List<MeanPoint> openSet, List<RankRate> cmc) {

        /**
         * Makes the lists immutable.
         *
         * @throws NullPointerException if a list is null
         */
        public MeanResult {
            openSet = List.copyOf(openSet);
            cmc = List.copyOf(cmc);
        }
    }

    private TemplateIdentification() {}

    /**
     * Evaluates one gallery.
     *
     * @param gallery the gallery's name, for the result and messages
     * @param templates the features of the protocol's templates
     * @param galleryTemplates the gallery's templates with their subjects (a 1:N gallery file)
     * @param probes the probe templates with their subjects (the mixed probe file)
     * @param targetFpirs target FPIRs, each {@code 0 < fpir < 1}
     * @return the result
     * @throws IllegalArgumentException if a template id is unknown to {@code templates} or a subject has two
     *     gallery templates (naming them), or there are no mated or no non-mated probes left
     */
    public static GalleryResult evaluate(String gallery, TemplateFeatures templates, List<SubjectTemplate> galleryTemplates,
                                         List<SubjectTemplate> probes, List<Double> targetFpirs) {
        Objects.requireNonNull(gallery, "gallery");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(galleryTemplates, "galleryTemplates");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(targetFpirs, "targetFpirs");
        FeatureMatrix x = templates.features();
        Gallery g = new Gallery(x.cols());
        Map<String, Long> templateOfSubject = new HashMap<>();
        int skipped = 0;
        for (SubjectTemplate t : galleryTemplates) {
            int row = row(templates, t, gallery + " gallery");
            if (row < 0) {
                skipped++;
                continue;
            }
            String subject = Long.toString(t.subjectId());
            Long previous = templateOfSubject.putIfAbsent(subject, t.templateId());
            if (previous != null) {
                throw new IllegalArgumentException(gallery + " gallery: subject " + subject + " has two templates, " + previous + " and "
                        + t.templateId() + "; a 1:N gallery holds one template per subject");
            }
            g.enrol(subject, x.row(row));
        }
        if (g.size() == 0) {
            throw new IllegalArgumentException(gallery + " gallery: none of its " + galleryTemplates.size() + " templates has a feature");
        }
        Set<Long> galleryIds = new HashSet<>();
        for (SubjectTemplate t : galleryTemplates) {
            galleryIds.add(t.templateId());
        }
        List<float[]> rows = new ArrayList<>();
        List<String> mates = new ArrayList<>();
        List<float[]> matedRows = new ArrayList<>();
        List<String> matedIds = new ArrayList<>();
        for (SubjectTemplate p : probes) {
            int row = row(templates, p, "probe list");
            if (row < 0) {
                skipped++;
                continue;
            }
            String subject = Long.toString(p.subjectId());
            boolean mated = g.contains(subject);
            rows.add(x.row(row));
            mates.add(mated ? subject : null);
            if (mated) {
                matedRows.add(x.row(row));
                matedIds.add(subject);
            }
        }
        int mated = matedRows.size();
        int nonMated = rows.size() - mated;
        if (mated == 0 || nonMated == 0) {
            throw new IllegalArgumentException(gallery + " gallery: " + mated + " mated and " + nonMated
                    + " non-mated probes; open-set identification needs both");
        }
        List<OpenSetPoint> points = Identification.openSet(g, matrix(rows, x.cols()), mates, targetFpirs, 1);
        int maxRank = CMC_RANKS.get(CMC_RANKS.size() - 1);
        CmcCurve curve = Identification.closedSet(g, matrix(matedRows, x.cols()), matedIds, maxRank);
        List<RankRate> cmc = new ArrayList<>();
        for (int r : CMC_RANKS) {
            cmc.add(new RankRate(r, curve.rate(Math.min(r, curve.identificationRates().size()))));
        }
        return new GalleryResult(gallery, g.size(), mated, nonMated, skipped, points, cmc);
    }

    /**
     * Averages gallery results (the IJB-B/C figure is the mean of the two galleries).
     *
     * @param results results over the same target FPIRs, at least one
     * @return the mean TPIR per target and the mean rate per CMC rank
     * @throws IllegalArgumentException if the list is empty or the targets differ
     */
    public static MeanResult mean(List<GalleryResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no gallery results to average");
        }
        GalleryResult first = results.get(0);
        List<MeanPoint> open = new ArrayList<>();
        for (int i = 0; i < first.openSet().size(); i++) {
            double fpir = first.openSet().get(i).targetFpir();
            double sum = 0;
            boolean limited = false;
            for (GalleryResult r : results) {
                OpenSetPoint p = r.openSet().get(i);
                if (p.targetFpir() != fpir) {
                    throw new IllegalArgumentException("gallery " + r.gallery() + " has target FPIR " + p.targetFpir() + " where "
                            + first.gallery() + " has " + fpir);
                }
                sum += p.tpir();
                limited |= p.sampleLimited();
            }
            open.add(new MeanPoint(fpir, sum / results.size(), limited));
        }
        List<RankRate> cmc = new ArrayList<>();
        for (int i = 0; i < first.cmc().size(); i++) {
            double sum = 0;
            for (GalleryResult r : results) {
                sum += r.cmc().get(i).rate();
            }
            cmc.add(new RankRate(first.cmc().get(i).rank(), sum / results.size()));
        }
        return new MeanResult(open, cmc);
    }

    private static int row(TemplateFeatures templates, SubjectTemplate t, String list) {
        int row = templates.indexOf(t.templateId());
        if (row == TemplateFeatures.UNKNOWN) {
            throw new IllegalArgumentException("template id " + t.templateId() + " of the " + list + " is not a template of "
                    + templates.source());
        }
        return row;
    }

    private static FeatureMatrix matrix(List<float[]> rows, int d) {
        return rows.isEmpty() ? FeatureMatrix.fromRowMajor(0, d, new float[0]) : FeatureMatrix.of(rows.toArray(new float[0][]));
    }
}
