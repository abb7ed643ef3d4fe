package io.polyface.aggregation.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the sidecar {@value TrackLayout#SIDECAR} of a synthetic track, UTF-8 JSON:
 *
 * <pre>{@code
 * {
 *   "format": "polyface-track/1",
 *   "identity": "s7",
 *   "track": "t0",
 *   "frames": [
 *     {"file": "000.png", "source": "s7/1.pgm", "seed": -4962768465676381896,
 *      "shift": [1.25, -2.5],
 *      "degradations": [{"type": "brightness_contrast", "brightness": 6.1, "contrast": 0.97}],
 *      "corruption": null},
 *     {"file": "001.png", "source": "s7/2.pgm", "seed": 2285146219364233370,
 *      "shift": [0.5, 3.0],
 *      "degradations": [{"type": "brightness_contrast", "brightness": -3.0, "contrast": 1.1},
 *                       {"type": "gaussian_blur", "sigma": 5.6}],
 *      "corruption": "blur"}
 *   ]
 * }
 * }</pre>
 *
 * One entry per frame file, in frame order. {@code shift} is {@code [shiftX, shiftY]} in pixels and
 * {@code degradations} the list of {@link FrameDegradation}, written by {@link DegradationJson};
 * {@code corruption} names the heavy {@link Corruption} of the frame, or is null.
 */
final class TrackSidecar {

    /** The value of the {@code format} field. */
    static final String FORMAT = "polyface-track/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrackSidecar() {}

    /**
     * Writes a sidecar atomically.
     *
     * @param file the sidecar file
     * @param identity the identity
     * @param track the track name
     * @param frames one entry per frame, in order
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, String identity, String track, List<TrackFrame> frames) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("identity", identity);
        root.put("track", track);
        ArrayNode list = root.putArray("frames");
        for (TrackFrame f : frames) {
            ObjectNode o = list.addObject();
            o.put("file", f.file());
            o.put("source", f.source());
            o.put("seed", f.degradation().seed());
            o.putArray("shift").add(f.degradation().shiftX()).add(f.degradation().shiftY());
            ArrayNode ds = o.putArray("degradations");
            for (Degradation d : f.degradation().degradations()) {
                ds.add(DegradationJson.toJson(d));
            }
            if (f.corruption() == null) {
                o.putNull("corruption");
            } else {
                o.put("corruption", f.corruption().id());
            }
        }
        byte[] bytes = MAPPER.writeValueAsBytes(root);
        AtomicFileWriter.write(file, out -> {
            out.write(bytes);
            out.write('\n');
        });
    }

    /**
     * Reads a sidecar.
     *
     * @param file the sidecar file
     * @param identity the identity folder's name, which the sidecar must repeat
     * @param track the track folder's name, which the sidecar must repeat
     * @return the frame entries, in order
     * @throws MalformedFileException if the file is not such JSON, names another identity or track, or an
     *     entry is malformed (naming the entry)
     * @throws IOException if the file cannot be read
     */
    static List<TrackFrame> read(Path file, String identity, String track) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new MalformedFileException(file, "expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        if (!identity.equals(root.path("identity").asText()) || !track.equals(root.path("track").asText())) {
            throw new MalformedFileException(file, "describes track " + root.path("identity").asText() + "/"
                    + root.path("track").asText() + " but lies in the folder of " + identity + "/" + track);
        }
        JsonNode list = root.get("frames");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new MalformedFileException(file, "\"frames\" must be a non-empty array with one entry per frame file");
        }
        List<TrackFrame> frames = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String where = "frames[" + i + "]";
            try {
                JsonNode shift = o.get("shift");
                if (shift == null || !shift.isArray() || shift.size() != 2 || !shift.get(0).isNumber() || !shift.get(1).isNumber()) {
                    throw new IllegalArgumentException(where + ": \"shift\" must be [shiftX, shiftY] in pixels");
                }
                JsonNode seed = o.get("seed");
                if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
                    throw new IllegalArgumentException(where + ": \"seed\" must be a 64-bit integer");
                }
                JsonNode ds = o.get("degradations");
                if (ds == null || !ds.isArray()) {
                    throw new IllegalArgumentException(where + ": \"degradations\" must be an array");
                }
                List<Degradation> degradations = new ArrayList<>();
                for (int k = 0; k < ds.size(); k++) {
                    degradations.add(DegradationJson.fromJson(ds.get(k), where + ".degradations[" + k + "]"));
                }
                JsonNode c = o.get("corruption");
                Corruption corruption = c == null || c.isNull() ? null : Corruption.parse(c.asText());
                frames.add(new TrackFrame(text(o, "file", where), text(o, "source", where),
                        new FrameDegradation(shift.get(0).doubleValue(), shift.get(1).doubleValue(), degradations, seed.longValue()),
                        corruption));
            } catch (IllegalArgumentException e) {
                String detail = e.getMessage();
                throw new MalformedFileException(file, detail.startsWith(where) ? detail : where + ": " + detail);
            }
        }
        return frames;
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string");
        }
        return v.asText();
    }
}
