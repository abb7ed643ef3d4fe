package io.polyface.core.eval.ijb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.eval.NearestRocPoint;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.eval.VerificationReport;
import io.polyface.core.eval.VerificationResult;

import java.util.List;
import java.util.Objects;

/**
 * JSON of the IJB-B/C results (Jackson); non-finite numbers are written as {@code null}.
 * <ul>
 *   <li>{@link #verification}: the object of {@code polyface eval --json} ({@code genuine}, {@code impostor},
 *       {@code accept_rule}, {@code results[]} with {@code far}, {@code tar}, {@code far_achieved},
 *       {@code threshold}, {@code genuine_accepted}, {@code impostors_accepted}, {@code impostors_allowed},
 *       {@code sample_limited}, {@code roc}; see {@link VerificationReport}), each result with
 *       {@code insightface_nearest_roc_point}: {@code tpr}, {@code fpr}, {@code threshold} of the ROC point
 *       nearest the target as InsightFace reports it ({@link NearestRocPoint}; its FPR may exceed the
 *       target, so it is not the exact TAR);</li>
 *   <li>{@link #identification}: one object per gallery ({@code G1}, {@code G2}; IJB-B {@code S1},
 *       {@code S2}) with {@code gallery_templates}, {@code mated_probes}, {@code non_mated_probes},
 *       {@code skipped_templates}, {@code results[]} ({@code fpir}, {@code tpir}, {@code fpir_achieved},
 *       {@code threshold}, {@code non_mated_allowed}, {@code sample_limited}; accept when
 *       {@code score > threshold} and the mate is ranked first) and {@code cmc} ({@code rank1}, {@code rank5},
 *       {@code rank10}), and {@code mean} with {@code results[]} ({@code fpir}, {@code tpir},
 *       {@code sample_limited}) and {@code cmc}.</li>
 * </ul>
 */
public final class IjbReport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IjbReport() {}

    /**
     * The 1:1 verification object.
     *
     * @param result the exact operating points and ROC
     * @param nearest the InsightFace-compatible points, one per operating point, same order
     * @return a new object
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static ObjectNode verification(VerificationResult result, List<NearestRocPoint> nearest) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(nearest, "nearest");
        if (nearest.size() != result.operatingPoints().size()) {
            throw new IllegalArgumentException(nearest.size() + " nearest ROC points for " + result.operatingPoints().size()
                    + " operating points");
        }
        ObjectNode o = VerificationReport.toJson(result);
        ArrayNode results = (ArrayNode) o.get("results");
        for (int i = 0; i < nearest.size(); i++) {
            NearestRocPoint p = nearest.get(i);
            ObjectNode n = ((ObjectNode) results.get(i)).putObject("insightface_nearest_roc_point");
            VerificationReport.putFinite(n, "tpr", p.tpr());
            VerificationReport.putFinite(n, "fpr", p.fpr());
            VerificationReport.putFinite(n, "threshold", p.threshold());
        }
        return o;
    }

    /**
     * The 1:N identification object.
     *
     * @param galleries the result of each gallery, in gallery order
     * @param mean their mean
     * @return a new object keyed by gallery name, then {@code mean}
     */
    public static ObjectNode identification(List<TemplateIdentification.GalleryResult> galleries, TemplateIdentification.MeanResult mean) {
        ObjectNode o = NODES.objectNode();
        for (TemplateIdentification.GalleryResult g : galleries) {
            ObjectNode n = o.putObject(g.gallery());
            n.put("gallery_templates", g.galleryTemplates());
            n.put("mated_probes", g.matedProbes());
            n.put("non_mated_probes", g.nonMatedProbes());
            n.put("skipped_templates", g.skippedTemplates());
            n.put("accept_rule", "mate ranked first and score > threshold");
            ArrayNode results = n.putArray("results");
            for (OpenSetPoint p : g.openSet()) {
                ObjectNode r = results.addObject();
                VerificationReport.putFinite(r, "fpir", p.targetFpir());
                VerificationReport.putFinite(r, "tpir", p.tpir());
                VerificationReport.putFinite(r, "fpir_achieved", p.fpirAchieved());
                VerificationReport.putFinite(r, "threshold", p.threshold());
                r.put("non_mated_allowed", p.nonMatedAllowed());
                r.put("sample_limited", p.sampleLimited());
            }
            n.set("cmc", cmc(g.cmc()));
        }
        ObjectNode m = o.putObject("mean");
        ArrayNode results = m.putArray("results");
        for (TemplateIdentification.MeanPoint p : mean.openSet()) {
            ObjectNode r = results.addObject();
            VerificationReport.putFinite(r, "fpir", p.fpir());
            VerificationReport.putFinite(r, "tpir", p.tpir());
            r.put("sample_limited", p.sampleLimited());
        }
        m.set("cmc", cmc(mean.cmc()));
        return o;
    }

    private static JsonNode cmc(List<TemplateIdentification.RankRate> rates) {
        ObjectNode c = NODES.objectNode();
        for (TemplateIdentification.RankRate r : rates) {
            VerificationReport.putFinite(c, "rank" + r.rank(), r.rate());
        }
        return c;
    }
}
