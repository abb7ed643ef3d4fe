package io.polyface.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's report: {@code report.json} (keys below) and {@code report.html} (tables plus {@code roc.png} and
 * {@code aggregation.png}).
 *
 * <p>JSON keys: {@code data} (folder, identities, images, split), {@code architecture} (name, flops with
 * {@code convention}, params, settings), {@code train} (steps, final_loss, training_accuracy, images_per_second),
 * {@code onnx} (max_relative_l2 of ONNX Runtime vs DJL embeddings on the held-out images), {@code eval}
 * ({@code genuine}, {@code impostor} pair counts and {@code results}: per target FAR {@code far}, {@code tar},
 * {@code far_achieved}, {@code threshold}, {@code sample_limited}; accept rule score &gt; threshold),
 * {@code aggregation} (per method the same {@code results} over track templates), {@code seconds} per stage; with
 * {@code demo --teacher}, {@code teacher} (model, embedding size, and its {@code results} on the same held-out pairs
 * through ONNX Runtime, beside the distilled student's {@code eval}).
 *
 * @param content the report's content, JSON-compatible
 */
public record DemoReport(Map<String, Object> content) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The JSON form of a verification result.
     *
     * @param r the result
     * @param identities the number of identities evaluated
     * @param images the number of embeddings (or templates)
     * @return {@code genuine}, {@code impostor}, {@code identities}, {@code images}, {@code results}
     */
    static Map<String, Object> evalJson(VerificationResult r, long identities, int images) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", "all pairs; accept when score > threshold");
        m.put("identities", identities);
        m.put("images", images);
        m.put("genuine", r.genuineCount());
        m.put("impostor", r.impostorCount());
        m.put("results", results(r));
        return m;
    }

    /**
     * @param r a result
     * @return per target FAR: far, tar, far_achieved, threshold, sample_limited
     */
    static List<Map<String, Object>> results(VerificationResult r) {
        return results(r.operatingPoints());
    }

    /**
     * @param points operating points, one per target FAR
     * @return per target FAR: far, tar, far_achieved, threshold, sample_limited
     */
    static List<Map<String, Object>> results(List<OperatingPoint> points) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OperatingPoint p : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("far", p.targetFar());
            m.put("tar", p.tar());
            m.put("far_achieved", p.farAchieved());
            m.put("threshold", p.threshold());
            m.put("sample_limited", p.sampleLimited());
            out.add(m);
        }
        return out;
    }

    /**
     * Writes {@code report.json} and {@code report.html} atomically.
     *
     * @param dir the output folder
     * @throws IOException if writing fails
     */
    public void write(Path dir) throws IOException {
        byte[] json = JSON.writeValueAsBytes(content);
        AtomicFileWriter.write(dir.resolve("report.json"), o -> o.write(json));
        byte[] html = html().getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(dir.resolve("report.html"), o -> o.write(html));
    }

    /** @return the JSON text */
    public String toJson() {
        try {
            return JSON.writeValueAsString(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>PolyFace demo report</title><style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #999;padding:.25em .6em;text-align:right}th{background:#eee}")
                .append("</style></head><body><h1>PolyFace demo report</h1>");
        section(h, "Data", (Map<String, Object>) content.get("data"));
        section(h, "Architecture", (Map<String, Object>) content.get("architecture"));
        section(h, content.containsKey("teacher") ? "Training (distillation)" : "Training (ArcNegFace)", (Map<String, Object>) content.get("train"));
        section(h, "ONNX export: ONNX Runtime vs DJL", (Map<String, Object>) content.get("onnx"));
        Map<String, Object> eval = (Map<String, Object>) content.get("eval");
        if (eval != null) {
            h.append("<h2>Held-out verification, all pairs</h2>").append(String.format(Locale.ROOT,
                    "<p>%s genuine and %s impostor pairs; a pair is accepted when its cosine score is above the threshold.</p>",
                    eval.get("genuine"), eval.get("impostor")));
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, Object> teacher = (Map<String, Object>) content.get("teacher");
            if (teacher != null) {
                rows.add(Map.of("method", "teacher " + teacher.get("model"), "results", teacher.get("results")));
            }
            rows.add(Map.of("method", teacher == null ? "trained model" : "distilled student", "results", eval.get("results")));
            table(h, rows);
            h.append("<p><img src=\"roc.png\" alt=\"ROC curve\" width=\"640\"></p>");
        }
        Map<String, Object> agg = (Map<String, Object>) content.get("aggregation");
        if (agg != null) {
            h.append("<h2>Video templates: QAN++ vs mean pooling</h2><p>").append(escape(String.valueOf(agg.get("setup")))).append("</p>");
            table(h, (List<Map<String, Object>>) agg.get("methods"));
            h.append("<p><img src=\"aggregation.png\" alt=\"TAR by FAR per aggregator\" width=\"640\"></p>");
        }
        section(h, "Seconds per stage", (Map<String, Object>) content.get("seconds"));
        h.append("</body></html>\n");
        return h.toString();
    }

    @SuppressWarnings("unchecked")
    private static void table(StringBuilder h, List<Map<String, Object>> methods) {
        if (methods == null || methods.isEmpty()) {
            return;
        }
        List<Map<String, Object>> first = (List<Map<String, Object>>) methods.get(0).get("results");
        h.append("<table><tr><th>method</th>");
        for (Map<String, Object> r : first) {
            h.append("<th>TAR@FAR=").append(r.get("far")).append("</th>");
        }
        h.append("</tr>");
        for (Map<String, Object> m : methods) {
            h.append("<tr><td>").append(escape(String.valueOf(m.get("method")))).append("</td>");
            for (Map<String, Object> r : (List<Map<String, Object>>) m.get("results")) {
                h.append(String.format(Locale.ROOT, "<td>%.4f%s</td>", ((Number) r.get("tar")).doubleValue(),
                        Boolean.TRUE.equals(r.get("sample_limited")) ? "*" : ""));
            }
            h.append("</tr>");
        }
        h.append("</table><p><small>* limited by sample size: fewer than 1/FAR impostor pairs.</small></p>");
    }

    private static void section(StringBuilder h, String title, Map<String, Object> m) {
        if (m == null) {
            return;
        }
        h.append("<h2>").append(escape(title)).append("</h2><table>");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v);
            h.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(text)).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
