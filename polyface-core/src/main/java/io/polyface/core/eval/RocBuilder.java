package io.polyface.core.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Samples a {@link RocCurve} on a logarithmic FAR grid. */
final class RocBuilder {

    /** Grid points per decade of FAR. */
    static final int POINTS_PER_DECADE = 20;

    private RocBuilder() {}

    /**
     * Builds the curve. Grid FARs {@code g = 10^(j/20)} run from the first below {@code 1/N_imp} to the
     * last below 1; each gives the exact operating point while its {@code k+1} top impostor scores are
     * known, and otherwise (only when a histogram is given) the binned point of the lowest bin edge whose
     * impostor tail count is {@code <= g·N_imp}.
     *
     * @param genuineAscending all genuine scores, ascending
     * @param topImpostorsDescending the largest impostor scores, descending (all of them, or a top-k)
     * @param impostors the total number of impostor pairs
     * @param impostorHistogram the histogram of all impostor scores, or null when all are in the top array
     * @return the curve
     */
    static RocCurve build(double[] genuineAscending, double[] topImpostorsDescending, long impostors,
                          ScoreHistogram impostorHistogram) {
        List<RocPoint> points = new ArrayList<>();
        int first = (int) Math.floor(POINTS_PER_DECADE * Math.log10(1.0 / impostors)) - 1;
        long[] impTail = null;
        long[] genTail = null;
        for (int j = first; j < 0; j++) {
            double g = Math.pow(10, j / (double) POINTS_PER_DECADE);
            long k = ExactThreshold.allowedFalseAccepts(g, impostors);
            RocPoint p;
            if (k < topImpostorsDescending.length) {
                OperatingPoint op = ExactThreshold.operatingPoint(g, topImpostorsDescending, impostors, genuineAscending);
                p = new RocPoint(op.farAchieved(), op.tar(), op.threshold(), true);
            } else if (impostorHistogram != null) {
                if (impTail == null) {
                    impTail = impostorHistogram.tail();
                    genTail = genuineTail(impostorHistogram, genuineAscending);
                }
                int b = 0;
                while (impTail[b] > k) {
                    b++;
                }
                p = new RocPoint((double) impTail[b] / impostors, (double) genTail[b] / genuineAscending.length,
                        impostorHistogram.lowerEdge(b), false);
            } else {
                continue;
            }
            points.add(p);
        }
        // exact and binned points come from nested acceptance sets, so sorting by FAR keeps the curve monotone
        points.sort(Comparator.comparingDouble(RocPoint::far).thenComparingDouble(RocPoint::tar));
        List<RocPoint> distinct = new ArrayList<>(points.size());
        for (RocPoint p : points) {
            RocPoint last = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
            if (last == null || last.far() != p.far() || last.tar() != p.tar()) {
                distinct.add(p);
            }
        }
        return new RocCurve(distinct);
    }

    private static long[] genuineTail(ScoreHistogram shape, double[] genuine) {
        ScoreHistogram h = new ScoreHistogram(shape.bins());
        for (double g : genuine) {
            h.add((float) g);
        }
        return h.tail();
    }
}
