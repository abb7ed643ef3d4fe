package io.polyface.bench.peer;

import io.polyface.bench.rounds.Spread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rates measured per round (work per second, e.g. images/s) of each comparison's PyTorch side and each of our
 * routes, and what the report prints from them: per measurement the median and range over the rounds, and per route
 * the per-round ratio ours / PyTorch of the rates (above 1: ours is faster) with its median and range.
 */
public final class PeerReport {

    private final Map<String, Map<String, List<Double>>> rates = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    /** The label of the PyTorch side in {@link #rates(String)}. */
    public static final String PYTORCH = "PyTorch";

    /**
     * Records one round's rate.
     *
     * @param comparison the comparison's name
     * @param side {@link #PYTORCH} or our route's label
     * @param rate work per second in that round
     * @param unit the rate's unit
     */
    public void record(String comparison, String side, double rate, String unit) {
        rates.computeIfAbsent(comparison, k -> new LinkedHashMap<>()).computeIfAbsent(side, k -> new ArrayList<>()).add(rate);
        units.put(comparison, unit);
    }

    /**
     * @param comparison a recorded comparison
     * @return its sides ({@link #PYTORCH} first when recorded first) and their rates, one per round
     */
    public Map<String, List<Double>> rates(String comparison) {
        return rates.getOrDefault(comparison, Map.of());
    }

    /**
     * @param comparison a recorded comparison
     * @param side our route's label
     * @return the per-round ratios ours / PyTorch of the rates, summarised
     * @throws IllegalArgumentException if either side has no round or the round counts differ
     */
    public Spread ratio(String comparison, String side) {
        return Spread.ofRatios(rates(comparison).get(side), rates(comparison).get(PYTORCH));
    }

    /**
     * Prints one block per comparison.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        for (var c : rates.entrySet()) {
            out.printf(Locale.ROOT, "%n%s (%s, median (min–max) over %d rounds)%n", c.getKey(), units.get(c.getKey()),
                    c.getValue().get(PYTORCH).size());
            for (var side : c.getValue().entrySet()) {
                String line = String.format(Locale.ROOT, "  %-44s %s", side.getKey(), Spread.of(side.getValue()).format("%.4g"));
                if (!side.getKey().equals(PYTORCH)) {
                    line += "   ours/PyTorch " + ratio(c.getKey(), side.getKey()).format("%.3f");
                }
                out.println(line);
            }
        }
    }
}
