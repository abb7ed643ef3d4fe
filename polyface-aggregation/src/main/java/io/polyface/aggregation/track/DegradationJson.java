package io.polyface.aggregation.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.image.ops.DownUpResize;
import io.polyface.core.image.ops.GaussianBlur;
import io.polyface.core.image.ops.GaussianNoise;
import io.polyface.core.image.ops.JpegRecompression;
import io.polyface.core.image.ops.Occlusion;

/**
 * The JSON form of core's {@link Degradation} records in track sidecars: an object with a {@code type}
 * and the record's parameters, e.g. {@code {"type": "gaussian_blur", "sigma": 5.2}}. Numbers are
 * written in the shortest form that reads back to the same double, so a degradation round-trips exactly.
 *
 * <table>
 *   <caption>Types</caption>
 *   <tr><th>type</th><th>record</th><th>fields</th></tr>
 *   <tr><td>{@code gaussian_blur}</td><td>{@link GaussianBlur}</td><td>{@code sigma}</td></tr>
 *   <tr><td>{@code gaussian_noise}</td><td>{@link GaussianNoise}</td><td>{@code sigma}</td></tr>
 *   <tr><td>{@code down_up_resize}</td><td>{@link DownUpResize}</td><td>{@code factor}</td></tr>
 *   <tr><td>{@code brightness_contrast}</td><td>{@link BrightnessContrast}</td><td>{@code brightness}, {@code contrast}</td></tr>
 *   <tr><td>{@code occlusion}</td><td>{@link Occlusion}</td><td>{@code side_fraction}, {@code fill}</td></tr>
 *   <tr><td>{@code jpeg_recompression}</td><td>{@link JpegRecompression}</td><td>{@code quality}</td></tr>
 * </table>
 */
final class DegradationJson {

    private DegradationJson() {}

    /**
     * Writes a degradation.
     *
     * @param d the degradation
     * @return its JSON object
     */
    static ObjectNode toJson(Degradation d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (d instanceof GaussianBlur b) {
            o.put("type", "gaussian_blur").put("sigma", b.sigma());
        } else if (d instanceof GaussianNoise n) {
            o.put("type", "gaussian_noise").put("sigma", n.sigma());
        } else if (d instanceof DownUpResize r) {
            o.put("type", "down_up_resize").put("factor", r.factor());
        } else if (d instanceof BrightnessContrast bc) {
            o.put("type", "brightness_contrast").put("brightness", bc.brightness()).put("contrast", bc.contrast());
        } else if (d instanceof Occlusion occ) {
            o.put("type", "occlusion").put("side_fraction", occ.sideFraction()).put("fill", occ.fill());
        } else if (d instanceof JpegRecompression j) {
            o.put("type", "jpeg_recompression").put("quality", j.quality());
        } else {
            throw new IllegalStateException("no JSON form for degradation " + d + " (a new Degradation type needs a case here)");
        }
        return o;
    }

    /**
     * Reads a degradation.
     *
     * @param node the JSON object
     * @param where where it is (file and frame), for messages
     * @return the degradation
     * @throws IllegalArgumentException if the type is unknown, a field is missing or not a number, or a
     *     value is outside the record's range (the message names {@code where})
     */
    static Degradation fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": a degradation must be a JSON object with a \"type\"");
        }
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "gaussian_blur" -> new GaussianBlur(number(node, "sigma", where));
                case "gaussian_noise" -> new GaussianNoise(number(node, "sigma", where));
                case "down_up_resize" -> new DownUpResize(number(node, "factor", where));
                case "brightness_contrast" -> new BrightnessContrast(number(node, "brightness", where),
                        number(node, "contrast", where));
                case "occlusion" -> new Occlusion(number(node, "side_fraction", where), (float) number(node, "fill", where));
                case "jpeg_recompression" -> new JpegRecompression(integer(node, "quality", where));
                default -> throw new IllegalArgumentException("unknown degradation type '" + type + "'; expected gaussian_blur, "
                        + "gaussian_noise, down_up_resize, brightness_contrast, occlusion or jpeg_recompression");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("degradation field '" + field + "' is missing or not a number");
        }
        return v.doubleValue();
    }

    private static int integer(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("degradation field '" + field + "' is missing or not an integer");
        }
        return v.intValue();
    }
}
