package io.polyface.bench.suite;

import io.polyface.bench.rounds.Spread;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of a suite run, round by round: each round ran every benchmark once (in the rotated order of
 * {@link io.polyface.bench.rounds.Interleaving}), so a ratio is taken per round, between two scores measured close
 * together, and summarised over the rounds by its median and range.
 */
public final class SuiteRounds {

    private final List<List<SuiteEntry>> rounds = new ArrayList<>();

    /** Starts the next round. */
    public void startRound() {
        rounds.add(new ArrayList<>());
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
     * The ratio {@code a / b} of two benchmarks' scores, taken in each round that measured both and summarised.
     *
     * @param a the numerator's method name (after the class)
     * @param pa parameter values the numerator must have
     * @param b the denominator's method name
     * @param pb parameter values the denominator must have
     * @return the median and range of the per-round ratios; empty if no round measured both
     */
    public Optional<Spread> ratio(String a, Map<String, String> pa, String b, Map<String, String> pb) {
        List<Double> num = new ArrayList<>();
        List<Double> den = new ArrayList<>();
        for (List<SuiteEntry> round : rounds) {
            Optional<SuiteEntry> x = find(round, a, pa);
            Optional<SuiteEntry> y = find(round, b, pb);
            if (x.isPresent() && y.isPresent()) {
                num.add(x.get().score());
                den.add(y.get().score());
            }
        }
        return num.isEmpty() ? Optional.empty() : Optional.of(Spread.ofRatios(num, den));
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
