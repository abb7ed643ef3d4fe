package io.polyface.aggregation.ijb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.eval.ijb.IjbReport;

/**
 * The JSON of an {@link IjbResult} ({@code polyface ijb --json}): {@code dataset}, {@code root},
 * {@code images}, {@code images_not_embedded} (with up to 100 of them listed in {@code not_embedded}), then the
 * primary template rule's figures at the top level — {@code aggregate}, {@code template_rule},
 * {@code normalize_images}, {@code templates}, {@code templates_empty}, {@code pairs} (lines of the pair
 * list), {@code pairs_skipped}, {@code verification} and {@code identification} as {@link IjbReport} writes
 * them — and, with several rules, {@code alternatives}: one object of those keys per further rule.
 */
public final class IjbResultJson {

    private static final int LISTED = 100;

    private IjbResultJson() {}

    /**
     * Builds the JSON object.
     *
     * @param result the result
     * @return a new object
     */
    public static ObjectNode toJson(IjbResult result) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("dataset", result.layout().dataset().prefix());
        o.put("root", result.layout().root().toString());
        o.put("images", result.images());
        o.put("images_not_embedded", result.notEmbedded().size());
        ArrayNode listed = o.putArray("not_embedded");
        result.notEmbedded().stream().limit(LISTED).forEach(listed::add);
        method(o, result.methods().get(0));
        if (result.methods().size() > 1) {
            ArrayNode alternatives = o.putArray("alternatives");
            for (IjbResult.MethodResult m : result.methods().subList(1, result.methods().size())) {
                method(alternatives.addObject(), m);
            }
        }
        return o;
    }

    private static void method(ObjectNode o, IjbResult.MethodResult m) {
        o.put("aggregate", m.aggregate());
        o.put("template_rule", m.rule());
        o.put("normalize_images", m.normalizeImages());
        o.put("templates", m.templates());
        o.put("templates_empty", m.emptyTemplates());
        o.put("pairs", m.pairs());
        o.put("pairs_skipped", m.pairsSkipped());
        o.set("verification", IjbReport.verification(m.verification(), m.nearest()));
        o.set("identification", IjbReport.identification(m.galleries(), m.mean()));
    }
}
