package io.polyface.bench.suite;

import io.polyface.bench.rounds.Spread;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a suite run measured, round by round: the JMH entries (each round ran every benchmark once, in the rotated
 * order of {@link io.polyface.bench.rounds.Interleaving}) and the ratios measured within the round by alternating
 * their two sides ({@link PairedRatios}); each summarised over the rounds by its median and range.
 */
public final class SuiteRounds {

    private final List<List<SuiteEntry>> rounds = new ArrayList<>();
    private final List<Map<String, Double>> pairedRatios = new ArrayList<>();

    /** Starts the next round. */
    public void startRound() {
        rounds.add(new ArrayList<>());
        pairedRatios.add(new LinkedHashMap<>());
    }

    /**
     * @param entries entries measured in the current round
     * @throws IllegalStateException if no round was started
     */
    public void add(List<SuiteEntry> entries) {
        if (rounds.isEmpty()) {
            throw new IllegalStateException("start a round before adding entries");
        }
        rounds.get(rounds.size() - 1).addAll(entries);
    }

    /**
     * Records a ratio measured within the current round by alternating its two sides
     * ({@link io.polyface.bench.rounds.PairedRatio}).
     *
     * @param name the ratio's name
     * @param ratio its value in this round
     * @throws IllegalStateException if no round was started
     */
    public void addPairedRatio(String name, double ratio) {
        if (rounds.isEmpty()) {
            throw new IllegalStateException("start a round before adding a ratio");
        }
        pairedRatios.get(pairedRatios.size() - 1).put(name, ratio);
    }

    /**
     * @param name a ratio recorded by {@link #addPairedRatio}
     * @return the median and range of its values over the rounds that measured it; empty if none did
     */
    public Optional<Spread> pairedRatio(String name) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> round : pairedRatios) {
            if (round.containsKey(name)) {
                values.add(round.get(name));
            }
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
    }

    /** @return the number of rounds started */
    public int count() {
        return rounds.size();
    }

    /**
     * @return the benchmarks measured in the first round, in their order there (one per benchmark and parameters)
     */
    public List<SuiteEntry> firstRound() {
        return rounds.isEmpty() ? List.of() : List.copyOf(rounds.get(0));
    }

    /**
     * @param benchmark the full benchmark name, {@code Class.method} (or {@code Class.method:counter})
     * @param params its parameters, all of them
     * @return its scores, one per round that measured it
     */
    public List<Double> scores(String benchmark, Map<String, String> params) {
        List<Double> out = new ArrayList<>();
        for (List<SuiteEntry> round : rounds) {
            for (SuiteEntry e : round) {
                if (e.benchmark().equals(benchmark) && e.params().equals(params)) {
                    out.add(e.score());
                }
            }
        }
        return out;
    }

    /**
     * The median over the rounds of the score of the first benchmark matching.
     *
     * @param method the method name (after the class)
     * @param params parameter values it must have
     * @return the median score; empty if no round measured it
     */
    public Optional<Double> medianScore(String method, Map<String, String> params) {
        List<Double> scores = new ArrayList<>();
        for (List<SuiteEntry> round : rounds) {
            find(round, method, params).ifPresent(e -> scores.add(e.score()));
        }
        return scores.isEmpty() ? Optional.empty() : Optional.of(Spread.of(scores).median());
    }

    private static Optional<SuiteEntry> find(List<SuiteEntry> round, String method, Map<String, String> params) {
        return round.stream().filter(e -> e.is(method, params)).findFirst();
    }
}
