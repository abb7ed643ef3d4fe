package io.polyface.core.search;

import io.polyface.core.flops.Convention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto front of evaluations over (FLOPs, objective): candidates no other candidate beats with at most
 * the same FLOPs and a higher score. Of candidates with equal FLOPs and equal score, the earliest evaluated
 * is kept.
 */
public final class ParetoFront {

    private ParetoFront() {}

    /**
     * @param evaluations evaluations in any order
     * @param convention the FLOPs convention
     * @return the front, by increasing FLOPs (and increasing score)
     */
    public static List<Evaluation> of(List<Evaluation> evaluations, Convention convention) {
        List<Evaluation> sorted = new ArrayList<>(evaluations);
        sorted.sort(Comparator.<Evaluation>comparingLong(e -> e.candidate().cost().flops(convention))
                .thenComparing(Comparator.comparingDouble(Evaluation::objective).reversed())
                .thenComparingInt(Evaluation::order));
        List<Evaluation> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Evaluation e : sorted) {
            if (e.objective() > best || (front.isEmpty() && e.objective() == best)) {
                front.add(e);
                best = e.objective();
            }
        }
        return front;
    }
}
