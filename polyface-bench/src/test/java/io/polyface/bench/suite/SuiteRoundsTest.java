package io.polyface.bench.suite;

import io.polyface.bench.rounds.Spread;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteRoundsTest {

    private static SuiteEntry entry(String method, String batch, double score) {
        return new SuiteEntry("embed.OrtEmbedderBenchmark." + method, Map.of("batch", batch, "model", "m"), score, Double.NaN, "ms/op");
    }

    @Test
    void scoresAreKeptPerRoundAndSummarisedByTheirMedian() {
        SuiteRounds r = new SuiteRounds();
        double[][] embedderBare = {{11, 10}, {30, 20}, {24, 26}};
        for (double[] round : embedderBare) {
            r.startRound();
            r.add(List.of(entry("embedder", "32", round[0]), entry("bareSession", "32", round[1]), entry("bareSession", "1", 1)));
        }
        assertThat(r.medianScore("bareSession", Map.of("batch", "32"))).contains(20.0);
        assertThat(r.scores("embed.OrtEmbedderBenchmark.embedder", Map.of("batch", "32", "model", "m"))).containsExactly(11.0, 30.0, 24.0);
        assertThat(r.firstRound()).hasSize(3);
        assertThat(r.count()).isEqualTo(3);
    }

    @Test
    void roundsWithoutTheBenchmarkAreLeftOutAndAbsentBenchmarksHaveNoScore() {
        SuiteRounds r = new SuiteRounds();
        r.startRound();
        r.add(List.of(entry("embedder", "32", 12), entry("bareSession", "32", 10)));
        r.startRound();
        r.add(List.of(entry("embedder", "32", 99)));
        assertThat(r.scores("embed.OrtEmbedderBenchmark.bareSession", Map.of("batch", "32", "model", "m"))).containsExactly(10.0);
        assertThat(r.medianScore("bareSession", Map.of())).contains(10.0);
        assertThat(r.medianScore("forward", Map.of())).isEmpty();
    }

    @Test
    void pairedRatiosAreSummarisedOverTheRoundsThatMeasuredThem() {
        SuiteRounds r = new SuiteRounds();
        for (double v : new double[] {1.2, 1.0, 1.1}) {
            r.startRound();
            r.addPairedRatio("overhead", v);
        }
        r.startRound();
        r.addPairedRatio("other", 7);
        Spread s = r.pairedRatio("overhead").orElseThrow();
        assertThat(s.median()).isEqualTo(1.1);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(1.2);
        assertThat(s.rounds()).isEqualTo(3);
        assertThat(r.pairedRatio("absent")).isEmpty();
        assertThatThrownBy(() -> new SuiteRounds().addPairedRatio("x", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start a round");
    }

    @Test
    void entriesNeedARound() {
        assertThatThrownBy(() -> new SuiteRounds().add(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start a round");
    }
}
