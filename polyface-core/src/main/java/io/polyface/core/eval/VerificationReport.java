package io.polyface.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * JSON reports of verification results (Jackson). Non-finite numbers (an accept-all threshold of
 * {@code -∞}) are written as {@code null}.
 *
 * <p>Keys of {@link #toJson(VerificationResult)}:
 * <ul>
 *   <li>{@code genuine}, {@code impostor}: the numbers of genuine and impostor pairs;</li>
 *   <li>{@code accept_rule}: {@code "score > threshold"};</li>
 *   <li>{@code results}: one object per target FAR, in the order requested, with {@code far} (target),
 *       {@code tar}, {@code far_achieved}, {@code threshold}, {@code genuine_accepted},
 *       {@code impostors_accepted}, {@code impostors_allowed} ({@code k = ⌊far·impostor⌋}) and
 *       {@code sample_limited} ({@code k = 0}); see {@link OperatingPoint};</li>
 *   <li>{@code roc}: the ROC curve, objects {@code far}, {@code tar}, {@code threshold}, {@code exact}
 *       (false for points from the binned impostor histogram); see {@link RocPoint}.</li>
 * </ul>
 *
 * <p>Keys of {@link #toJson(LfwResult)}: {@code protocol}, {@code accuracy_mean},
 * {@code accuracy_std} (population standard deviation over folds), {@code accuracy_standard_error}
 * (sample standard deviation / √folds), {@code folds} (objects {@code fold} (1-based),
 * {@code threshold}, {@code train_accuracy}, {@code test_accuracy}), {@code accept_rule}, and
 * {@code tar_at_far}: one object with the keys of a {@code results} entry above, at FAR = 1e-3 over
 * all pairs.
 */
public final class VerificationReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The acceptance rule of every threshold in the reports. */
    public static final String ACCEPT_RULE = "score > threshold";

    private VerificationReport() {}

    /**
     * Builds the JSON object of a verification result.
     *
     * @param result the result
     * @return a new object with the keys listed in the class documentation
     */
    public static ObjectNode toJson(VerificationResult result) {
        Objects.requireNonNull(result, "result");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("genuine", result.genuineCount());
        o.put("impostor", result.impostorCount());
        o.put("accept_rule", ACCEPT_RULE);
        ArrayNode results = o.putArray("results");
        for (OperatingPoint p : result.operatingPoints()) {
            results.add(toJson(p));
        }
        ArrayNode roc = o.putArray("roc");
        for (RocPoint p : result.roc().points()) {
            ObjectNode n = roc.addObject();
            putFinite(n, "far", p.far());
            putFinite(n, "tar", p.tar());
            putFinite(n, "threshold", p.threshold());
            n.put("exact", p.exact());
        }
        return o;
    }

    /**
     * Builds the JSON object of one operating point.
     *
     * @param p the operating point
     * @return a new object: {@code far, tar, far_achieved, threshold, genuine_accepted,
     *     impostors_accepted, impostors_allowed, sample_limited}
     */
    public static ObjectNode toJson(OperatingPoint p) {
        ObjectNode n = MAPPER.createObjectNode();
        putFinite(n, "far", p.targetFar());
        putFinite(n, "tar", p.tar());
        putFinite(n, "far_achieved", p.farAchieved());
        putFinite(n, "threshold", p.threshold());
        n.put("genuine_accepted", p.genuineAccepted());
        n.put("impostors_accepted", p.impostorsAccepted());
        n.put("impostors_allowed", p.impostorsAllowed());
        n.put("sample_limited", p.sampleLimited());
        return n;
    }

    /**
     * Builds the JSON object of an LFW result.
     *
     * @param result the result
     * @return a new object with the keys listed in the class documentation
     */
    public static ObjectNode toJson(LfwResult result) {
        Objects.requireNonNull(result, "result");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("protocol", "LFW " + result.folds().size() + "-fold verification, threshold chosen on the other folds");
        putFinite(o, "accuracy_mean", result.accuracyMean());
        putFinite(o, "accuracy_std", result.accuracyStd());
        putFinite(o, "accuracy_standard_error", result.accuracyStandardError());
        o.put("accept_rule", ACCEPT_RULE);
        ArrayNode folds = o.putArray("folds");
        for (LfwFold f : result.folds()) {
            ObjectNode n = folds.addObject();
            n.put("fold", f.fold() + 1);
            putFinite(n, "threshold", f.threshold());
            putFinite(n, "train_accuracy", f.trainAccuracy());
            putFinite(n, "test_accuracy", f.testAccuracy());
        }
        o.set("tar_at_far", toJson(result.tarAtFar()));
        return o;
    }

    /**
     * Writes a JSON document atomically (indented, UTF-8, final newline).
     *
     * @param file the file to create or replace
     * @param json the document
     * @throws IOException if writing fails
     */
    public static void writeJson(Path file, JsonNode json) throws IOException {
        Objects.requireNonNull(json, "json");
        AtomicFileWriter.write(file, out -> {
            out.write(toString(json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write('\n');
        });
    }

    /**
     * Renders a JSON document as indented text.
     *
     * @param json the document
     * @return the text, without a final newline
     */
    public static String toString(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /**
     * Puts a figure into a report object: the number when finite, else {@code null} (the reports' rule for a figure
     * that does not exist, e.g. a TAR at a FAR the sample cannot reach, reported as NaN).
     *
     * @param n the object
     * @param key the key
     * @param v the figure
     */
    public static void putFinite(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
