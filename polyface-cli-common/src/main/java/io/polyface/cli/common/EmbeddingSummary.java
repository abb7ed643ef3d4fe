package io.polyface.cli.common;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code polyface embed} and {@code polyface-spark embed} report what they embedded: the images left out on
 * standard error, then one summary (text, or one JSON object with the keys {@code features}, {@code embedded},
 * {@code dimension}, {@code identities}, {@code unreadable}, {@code no_face}, {@code centre_resized}, {@code seconds},
 * {@code images_per_second}) on standard output.
 *
 * @param features the feature file written
 * @param embedded rows written
 * @param dimension the embedding dimension
 * @param identities distinct labels of the rows
 * @param unreadable images that could not be read, with the reason
 * @param noFace images without a face
 * @param centreResized images embedded from a centre resize
 * @param seconds wall time
 */
public record EmbeddingSummary(Path features, int embedded, int dimension, long identities, List<String> unreadable,
                               List<String> noFace, List<String> centreResized, double seconds) {

    /**
     * Prints the report.
     *
     * @param out standard output
     * @param err standard error
     * @param command e.g. {@code polyface embed}
     * @param json one JSON object instead of text
     * @param extra further JSON fields (e.g. partitions), may be empty
     */
    public void print(PrintWriter out, PrintWriter err, String command, boolean json, Map<String, Object> extra) {
        for (String u : unreadable) {
            err.println(command + ": unreadable: " + u);
        }
        for (String n : noFace) {
            err.println(command + ": no face: " + n);
        }
        err.flush();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("features", features == null ? null : features.toString());
            summary.put("embedded", embedded);
            summary.put("dimension", dimension);
            summary.put("identities", identities);
            summary.put("unreadable", unreadable.size());
            summary.put("no_face", noFace.size());
            summary.put("centre_resized", centreResized.size());
            summary.put("seconds", seconds);
            summary.put("images_per_second", embedded / seconds);
            summary.putAll(extra);
            out.println(Json.line(summary));
        } else {
            out.printf(Locale.ROOT, "embedded %d images (%d identities, dimension %d) into %s in %.1f s (%.1f images/s);"
                            + " %d unreadable, %d without a face, %d centre-resized%n",
                    embedded, identities, dimension, features, seconds, embedded / seconds, unreadable.size(), noFace.size(),
                    centreResized.size());
        }
        out.flush();
    }
}
