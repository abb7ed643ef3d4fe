package io.polyface.cli.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.eval.OperatingPoint;
import io.polyface.core.eval.VerificationReport;
import io.polyface.core.eval.VerificationResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How {@code polyface eval} and {@code polyface-spark eval} print an all-pairs result: the same text table and the
 * same JSON keys ({@code protocol}, {@code features}, {@code embeddings}, {@code dimension}, then
 * {@link VerificationReport#toJson}'s {@code genuine}, {@code impostor}, {@code results[]}, ...).
 */
public final class VerificationOutput {

    private VerificationOutput() {}

    /**
     * Prints an all-pairs result.
     *
     * @param out standard output
     * @param result the result
     * @param features the feature file (or image folder) evaluated
     * @param rows the embeddings
     * @param cols their dimension
     * @param roc the ROC plot written, or null
     * @param json one JSON object instead of text
     * @param extra further JSON fields (e.g. how the work was distributed), may be null
     */
    public static void printAllPairs(PrintWriter out, VerificationResult result, Path features, int rows, int cols, Path roc,
                                     boolean json, ObjectNode extra) {
        if (json) {
            ObjectNode o = VerificationReport.toJson(result);
            ObjectNode doc = o.objectNode();
            doc.put("protocol", "all pairs");
            doc.put("features", features.toString());
            doc.put("embeddings", rows);
            doc.put("dimension", cols);
            doc.setAll(o);
            if (extra != null) {
                doc.setAll(extra);
            }
            out.println(VerificationReport.toString(doc));
        } else {
            out.printf(Locale.ROOT, "all pairs of %,d embeddings of dimension %d (%s): %,d genuine, %,d impostor pairs%n",
                    rows, cols, features, result.genuineCount(), result.impostorCount());
            printTable(out, result.operatingPoints());
            if (roc != null) {
                out.println("ROC curve written to " + roc);
            }
        }
    }

    /**
     * Prints the operating points as a table.
     *
     * @param out standard output
     * @param points the points
     */
    public static void printTable(PrintWriter out, List<OperatingPoint> points) {
        out.println("accept when score > threshold; k = floor(FAR x impostor pairs) impostors may be accepted");
        out.printf(Locale.ROOT, "  %-10s %-8s %-12s %-12s %s%n", "FAR", "TAR", "FAR reached", "threshold", "note");
        for (OperatingPoint p : points) {
            out.printf(Locale.ROOT, "  %-10s %-8.4f %-12.3g %-12.6f %s%n", shortNumber(p.targetFar()), p.tar(), p.farAchieved(),
                    p.threshold(), p.sampleLimited() ? "sample-limited: k = 0, fewer than 1/FAR impostor pairs" : "k = " + p.impostorsAllowed());
        }
    }

    private static String shortNumber(double v) {
        String s = String.format(Locale.ROOT, "%.0e", v);
        return Double.parseDouble(s) == v ? s : Double.toString(v);
    }
}
