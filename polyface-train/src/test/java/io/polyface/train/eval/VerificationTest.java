package io.polyface.train.eval;

import io.polyface.core.io.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationTest {

    @Test
    void pairScoresAreCosinesOfConsecutiveRows() {
        // pair 0 genuine (cos 1), pair 1 genuine (cos 0.6), pairs 2 and 3 impostor (cos 0 and 0.6)
        FeatureMatrix e = FeatureMatrix.of(new float[][] {
            {1, 0}, {2, 0}, {3, 4}, {1, 0}, {0, 1}, {5, 0}, {4, 3}, {0, 1}});
        EvaluationResult r = Verification.pairs(7, "x.bin", e, new boolean[] {true, true, false, false}, List.of(0.5));
        assertThat(r.genuinePairs()).isEqualTo(2);
        assertThat(r.impostorPairs()).isEqualTo(2);
        // k = floor(0.5·2) = 1: threshold = 2nd largest impostor score = 0; genuine scores 1 and 0.6 are above it
        assertThat(r.operatingPoints().get(0).threshold()).isEqualTo(0.0);
        assertThat(r.tar(0.5)).isEqualTo(1.0);
        assertThat(r.tarByFar()).containsOnlyKeys("0.5");
        assertThat(r.toMetrics()).containsEntry("type", "eval").containsEntry("step", 7L).containsEntry("set", "x.bin");
        assertThatThrownBy(() -> r.tar(0.1)).hasMessageContaining("FAR 0.1 was not evaluated");
        assertThatThrownBy(() -> Verification.pairs(0, "x", e, new boolean[] {true}, List.of(0.5))).hasMessageContaining("two per pair");
    }

    @Test
    void allPairsCountsGenuineAndImpostorPairs() {
        FeatureMatrix e = FeatureMatrix.of(new float[][] {{1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 0.9f}, {1, 1}});
        EvaluationResult r = Verification.allPairs(3, "held-out", e, new int[] {0, 0, 1, 1, 2}, List.of(0.1, 0.01));
        assertThat(r.genuinePairs()).isEqualTo(2);
        assertThat(r.impostorPairs()).isEqualTo(8);
        assertThat(r.tar(0.1)).isEqualTo(1.0);
        assertThat(EvaluationResult.farKey(1e-3)).isEqualTo("0.001");
    }
}
