package io.polyface.core.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyface.core.io.LfwPair;
import io.polyface.core.io.LfwPairList;
import io.polyface.core.io.LfwPairsFile;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The 10-fold protocol on the official pairs.txt with synthetic scores (the LFW images are not
 * available), against a brute force that tries every candidate threshold of each training split.
 */
class LfwProtocolTest {

    private static LfwPairList pairs;

    @BeforeAll
    static void readPairs() throws Exception {
        pairs = LfwPairsFile.read(SharedResources.resolve("data/lfw/pairs.txt"));
    }

    private static double[] syntheticScores(long seed, double gap, boolean coarse) {
        Random r = new Random(seed);
        double[] s = new double[pairs.pairs().size()];
        for (int i = 0; i < s.length; i++) {
            double mean = pairs.pairs().get(i).genuine() ? gap : 0;
            s[i] = mean + 0.2 * r.nextGaussian() + 0.05 * (i / 600); // fold-dependent drift: thresholds differ per fold
            if (coarse) {
                s[i] = Math.round(s[i] * 20) / 20.0; // heavy ties
            }
        }
        return s;
    }

    /**
     * Brute force: every candidate threshold (-inf and each training score), accuracy by direct counting;
     * the first best one is then moved halfway to the next larger training score.
     */
    private static double[] bruteForceFold(double[] s, int fold) {
        List<LfwPair> list = pairs.pairs();
        double bestT = Double.NEGATIVE_INFINITY;
        long bestCorrect = -1;
        double[] candidates = new double[list.size() + 1];
        candidates[0] = Double.NEGATIVE_INFINITY;
        System.arraycopy(s, 0, candidates, 1, s.length);
        java.util.Arrays.sort(candidates);
        double prev = Double.NaN;
        for (double t : candidates) {
            if (t == prev) {
                continue;
            }
            prev = t;
            boolean isTrainScore = t == Double.NEGATIVE_INFINITY;
            long correct = 0;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).fold() != fold) {
                    isTrainScore |= s[i] == t;
                    correct += (s[i] > t) == list.get(i).genuine() ? 1 : 0;
                }
            }
            if (isTrainScore && correct > bestCorrect) { // ascending candidates: ties keep the smallest
                bestCorrect = correct;
                bestT = t;
            }
        }
        double next = Double.POSITIVE_INFINITY;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).fold() != fold && s[i] > bestT) {
                next = Math.min(next, s[i]);
            }
        }
        if (bestT != Double.NEGATIVE_INFINITY && next != Double.POSITIVE_INFINITY) {
            bestT = (bestT + next) / 2; // training scores here are far from overflow and not adjacent doubles
        }
        long correct = 0;
        long n = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).fold() == fold) {
                n++;
                correct += (s[i] > bestT) == list.get(i).genuine() ? 1 : 0;
            }
        }
        return new double[] {bestT, bestCorrect / 5400.0, (double) correct / n};
    }

    @Test
    void foldThresholdsAndAccuraciesMatchBruteForce() {
        for (boolean coarse : new boolean[] {false, true}) {
            double[] s = syntheticScores(coarse ? 2 : 1, 0.45, coarse);
            LfwResult res = LfwProtocol.evaluate(pairs, s);
            assertThat(res.folds()).hasSize(10);
            double sum = 0;
            for (int f = 0; f < 10; f++) {
                double[] e = bruteForceFold(s, f);
                LfwFold fold = res.folds().get(f);
                assertThat(fold.fold()).isEqualTo(f);
                assertThat(fold.threshold()).as("threshold of fold %d", f).isEqualTo(e[0]);
                assertThat(fold.trainAccuracy()).isEqualTo(e[1]);
                assertThat(fold.testAccuracy()).isEqualTo(e[2]);
                sum += e[2];
            }
            double mean = sum / 10;
            double ss = 0;
            for (LfwFold fold : res.folds()) {
                ss += Math.pow(fold.testAccuracy() - mean, 2);
            }
            assertThat(res.accuracyMean()).isCloseTo(mean, within(1e-15));
            assertThat(res.accuracyStd()).isCloseTo(Math.sqrt(ss / 10), within(1e-15));
            assertThat(res.accuracyStandardError()).isCloseTo(Math.sqrt(ss / 9) / Math.sqrt(10), within(1e-15));
            assertThat(res.accuracyMean()).isBetween(0.8, 0.99);
        }
    }

    @Test
    void tarAtFarOneInAThousandUsesThreeOfTheThreeThousandImpostors() {
        double[] s = syntheticScores(3, 0.6, false);
        LfwResult res = LfwProtocol.evaluate(pairs, s);
        double[] gen = new double[3000];
        double[] imp = new double[3000];
        int g = 0;
        int i = 0;
        for (int p = 0; p < s.length; p++) {
            if (pairs.pairs().get(p).genuine()) {
                gen[g++] = s[p];
            } else {
                imp[i++] = s[p];
            }
        }
        BruteForce.Expected e = BruteForce.tarAtFar(gen, imp, 1e-3);
        OperatingPoint p = res.tarAtFar();
        assertThat(p.impostorsAllowed()).isEqualTo(3);
        assertThat(p.threshold()).isEqualTo(e.threshold());
        assertThat(p.genuineAccepted()).isEqualTo(e.genuineAccepted());
        assertThat(p.sampleLimited()).isFalse();
    }

    @Test
    void perfectlySeparatedScoresScoreOneOnEveryFold() {
        double[] s = new double[6000];
        for (int p = 0; p < s.length; p++) {
            s[p] = pairs.pairs().get(p).genuine() ? 0.7 + p * 1e-6 : 0.1 - p * 1e-6;
        }
        LfwResult res = LfwProtocol.evaluate(pairs, s);
        assertThat(res.accuracyMean()).isEqualTo(1.0);
        assertThat(res.accuracyStd()).isZero();
        assertThat(res.tarAtFar().tar()).isEqualTo(1.0);
        assertThat(res.folds()).allSatisfy(f -> assertThat(f.testAccuracy()).isEqualTo(1.0));
        ObjectNode json = VerificationReport.toJson(res);
        assertThat(json.get("accuracy_mean").asDouble()).isEqualTo(1.0);
        assertThat(json.get("folds")).hasSize(10);
        assertThat(json.get("folds").get(0).get("fold").asInt()).isEqualTo(1);
        assertThat(json.get("tar_at_far").get("far").asDouble()).isEqualTo(1e-3);
        assertThat(json.get("tar_at_far").get("impostors_allowed").asLong()).isEqualTo(3);
    }

    @Test
    void badScoresAreRefused() {
        assertThatThrownBy(() -> LfwProtocol.evaluate(pairs, new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 scores for 6000 pairs");
        double[] s = new double[6000];
        s[301] = Double.NaN;
        assertThatThrownBy(() -> LfwProtocol.evaluate(pairs, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("score of pair 301").hasMessageContaining(pairs.pairs().get(301).path1());
    }
}
