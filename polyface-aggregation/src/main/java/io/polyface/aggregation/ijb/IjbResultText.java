package io.polyface.aggregation.ijb;

import io.polyface.core.eval.NearestRocPoint;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.ijb.TemplateIdentification;

import java.util.List;
import java.util.Locale;

/**
 * A plain-text report of an {@link IjbResult}: the counts, the 1:1 table (exact TAR beside the
 * InsightFace-compatible nearest-ROC-point TPR and its FPR), the 1:N table (TPIR per gallery and mean, CMC),
 * and, with several template rules, one summary line per rule.
 */
public final class IjbResultText {

    private IjbResultText() {}

    /**
     * Formats the result.
     *
     * @param r the result
     * @return the report, lines ending in {@code \n}
     */
    public static String format(IjbResult r) {
        StringBuilder b = new StringBuilder();
        IjbResult.MethodResult m = r.methods().get(0);
        line(b, "%s protocol at %s: %,d image rows (%,d not embedded), %,d templates (%,d without an image)",
                r.layout().dataset().displayName(), r.layout().root(), r.images(), r.notEmbedded().size(), m.templates(), m.emptyTemplates());
        line(b, "template rule %s: %s%s", m.aggregate(), m.rule(), m.normalizeImages() ? ", image features L2-normalised first"
                : ", raw image features (norm score)");
        line(b, "");
        line(b, "1:1 verification: %,d pairs listed, %,d scored (%,d genuine, %,d impostor), %,d skipped; accept when score > threshold",
                m.pairs(), m.verification().genuineCount() + m.verification().impostorCount(), m.verification().genuineCount(),
                m.verification().impostorCount(), m.pairsSkipped());
        line(b, "  %-8s %-8s %-12s %-10s %-26s %s", "FAR", "TAR", "FAR reached", "threshold", "InsightFace nearest ROC", "note");
        for (int i = 0; i < m.verification().operatingPoints().size(); i++) {
            OperatingPoint p = m.verification().operatingPoints().get(i);
            NearestRocPoint n = m.nearest().get(i);
            line(b, "  %-8s %-8.4f %-12.3g %-10.5f %-26s %s", number(p.targetFar()), p.tar(), p.farAchieved(), p.threshold(),
                    String.format(Locale.ROOT, "TPR %.4f at FPR %.3g", n.tpr(), n.fpr()),
                    p.sampleLimited() ? "sample-limited (k = 0)" : "k = " + p.impostorsAllowed());
        }
        line(b, "");
        line(b, "1:N identification: each gallery searched by the mixed probes; a mated probe counts when its mate ranks first");
        line(b, "and scores above the threshold, which comes from the non-mated probes' top scores only");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-8s", "FPIR"));
        for (TemplateIdentification.GalleryResult g : m.galleries()) {
            head.append(String.format(Locale.ROOT, " %-8s", g.gallery()));
        }
        line(b, "%s %-8s", head, "mean");
        for (int i = 0; i < m.mean().openSet().size(); i++) {
            TemplateIdentification.MeanPoint mp = m.mean().openSet().get(i);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-8s", number(mp.fpir())));
            for (TemplateIdentification.GalleryResult g : m.galleries()) {
                OpenSetPoint p = g.openSet().get(i);
                row.append(String.format(Locale.ROOT, " %-8.4f", p.tpir()));
            }
            line(b, "%s %-8.4f %s", row, mp.tpir(), mp.sampleLimited() ? "sample-limited: fewer than 1/FPIR non-mated probes" : "");
        }
        for (TemplateIdentification.GalleryResult g : m.galleries()) {
            line(b, "  %s: %d gallery templates, %d mated and %d non-mated probes, %d templates skipped; CMC %s", g.gallery(),
                    g.galleryTemplates(), g.matedProbes(), g.nonMatedProbes(), g.skippedTemplates(), cmc(g.cmc()));
        }
        line(b, "  mean CMC %s", cmc(m.mean().cmc()));
        if (r.methods().size() > 1) {
            line(b, "");
            line(b, "template rules side by side (TAR at each FAR; mean TPIR at each FPIR; mean rank-1):");
            for (IjbResult.MethodResult x : r.methods()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-6s", x.aggregate()));
                for (OperatingPoint p : x.verification().operatingPoints()) {
                    row.append(String.format(Locale.ROOT, " TAR@%s %.4f", number(p.targetFar()), p.tar()));
                }
                for (TemplateIdentification.MeanPoint p : x.mean().openSet()) {
                    row.append(String.format(Locale.ROOT, " TPIR@%s %.4f", number(p.fpir()), p.tpir()));
                }
                row.append(String.format(Locale.ROOT, " rank1 %.4f", x.mean().cmc().get(0).rate()));
                line(b, "%s", row);
            }
        }
        return b.toString();
    }

    private static String cmc(List<TemplateIdentification.RankRate> rates) {
        StringBuilder s = new StringBuilder();
        for (TemplateIdentification.RankRate r : rates) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "rank %d %.4f", r.rank(), r.rate()));
        }
        return s.toString();
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.0e", v);
        return Double.parseDouble(s) == v ? s : Double.toString(v);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
