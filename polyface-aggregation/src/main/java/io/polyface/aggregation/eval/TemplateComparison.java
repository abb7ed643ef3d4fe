package io.polyface.aggregation.eval;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.core.eval.OperatingPoint;

import java.util.List;
import java.util.Locale;

/**
 * Aggregation methods side by side on the same tracks: one {@link MethodResult} per aggregator, in the
 * order they were configured.
 *
 * @param frames the number of frames aggregated
 * @param targetFars the target FARs evaluated
 * @param results one result per aggregator
 */
public record TemplateComparison(int frames, List<Double> targetFars, List<MethodResult> results) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a list is null or {@code results} is empty
     */
    public TemplateComparison {
        if (targetFars == null || results == null || results.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs target FARs and at least one result");
        }
        targetFars = List.copyOf(targetFars);
        results = List.copyOf(results);
    }

    /**
     * The result of the first aggregator of a method.
     *
     * @param method the method
     * @return its result
     * @throws IllegalArgumentException if no aggregator of that method was evaluated
     */
    public MethodResult result(AggregationMethod method) {
        for (MethodResult r : results) {
            if (r.aggregator().method() == method) {
                return r;
            }
        }
        throw new IllegalArgumentException("method " + method.cliName() + " was not evaluated");
    }

    /**
     * A text table: one line per method, TAR at each target FAR; a {@code *} marks a sample-limited
     * figure (fewer than {@code 1/FAR} impostor pairs, so the threshold lies above every impostor score).
     *
     * @return the table, lines ending in '\n'
     */
    public String toTable() {
        MethodResult first = results.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "all pairs of %d tracks (%d frames): %,d genuine, %,d impostor pairs;"
                        + " accept when score > threshold%n", first.features().tracks().size(), frames,
                first.verification().genuineCount(), first.verification().impostorCount()));
        sb.append(String.format(Locale.ROOT, "  %-8s", "method"));
        for (double far : targetFars) {
            sb.append(String.format(Locale.ROOT, " %-11s", "TAR@" + shortNumber(far)));
        }
        sb.append(String.format(Locale.ROOT, "%n"));
        boolean limited = false;
        for (MethodResult r : results) {
            sb.append(String.format(Locale.ROOT, "  %-8s", r.aggregator().method().cliName()));
            for (double far : targetFars) {
                OperatingPoint p = r.at(far);
                limited |= p.sampleLimited();
                sb.append(String.format(Locale.ROOT, " %-11s", String.format(Locale.ROOT, "%.4f%s", p.tar(), p.sampleLimited() ? "*" : "")));
            }
            sb.append(String.format(Locale.ROOT, "%n"));
        }
        if (limited) {
            sb.append(String.format(Locale.ROOT, "  * sample-limited: fewer than 1/FAR impostor pairs%n"));
        }
        return sb.toString();
    }

    private static String shortNumber(double v) {
        String s = String.format(Locale.ROOT, "%.0e", v);
        return Double.parseDouble(s) == v ? s : Double.toString(v);
    }
}
