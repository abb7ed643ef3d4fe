package io.polyface.core.eval;

import io.polyface.core.io.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Gallery search, CMC and TPIR@FPIR against brute-force ranking written in the test. */
class IdentificationTest {

    private static final int D = 24;

    private static float[] randomVector(Random r) {
        float[] v = new float[D];
        for (int i = 0; i < D; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] near(float[] centre, Random r, double noise) {
        float[] v = centre.clone();
        for (int i = 0; i < D; i++) {
            v[i] += (float) (noise * r.nextGaussian());
        }
        return v;
    }

    /** Enrols {@code ids} random templates named {@code prefix + i}; returns them in enrolment order. */
    private static float[][] enrolRandom(Gallery g, Random r, int ids, String prefix) {
        float[][] t = new float[ids][];
        for (int i = 0; i < ids; i++) {
            t[i] = randomVector(r);
            g.enrol(prefix + i, t[i]);
        }
        return t;
    }

    /** Brute force: all enrolled ids sorted by double-precision cosine, ties by enrolment order. */
    private static List<Integer> ranking(float[][] templates, float[] probe) {
        List<Integer> order = new ArrayList<>();
        double[] s = new double[templates.length];
        for (int i = 0; i < templates.length; i++) {
            order.add(i);
            s[i] = CosineSimilarity.cosine(templates[i], probe);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i));
        return order;
    }

    @Test
    void searchReturnsTheBruteForceTopK() {
        Random r = new Random(1);
        Gallery g = new Gallery(D);
        float[][] t = enrolRandom(g, r, 200, "id");
        for (int q = 0; q < 20; q++) {
            float[] probe = randomVector(r);
            List<GalleryMatch> got = g.search(probe, 10);
            List<Integer> expected = ranking(t, probe);
            assertThat(got).hasSize(10);
            for (int k = 0; k < 10; k++) {
                assertThat(got.get(k).id()).isEqualTo("id" + expected.get(k));
                assertThat(got.get(k).score()).isCloseTo(CosineSimilarity.cosine(t[expected.get(k)], probe), within(1e-12));
            }
        }
        assertThat(g.search(randomVector(r), 500)).hasSize(200);
    }

    @Test
    void tiesKeepEnrolmentOrderAndInputsAreNotModified() {
        Gallery g = new Gallery(2);
        float[] a = {3, 0};
        g.enrol("b", new float[] {0, 1});
        g.enrol("a1", a);
        g.enrol("a2", new float[] {1, 0});
        g.enrol("a3", new float[] {7, 0});
        assertThat(a).containsExactly(3f, 0f);
        float[] probe = {2, 0};
        assertThat(g.search(probe, 3)).extracting(GalleryMatch::id).containsExactly("a1", "a2", "a3");
        assertThat(g.search(probe, 2)).extracting(GalleryMatch::id).containsExactly("a1", "a2");
        assertThat(probe).containsExactly(2f, 0f);
    }

    @Test
    void closedSetCmcMatchesBruteForceRanks() {
        Random r = new Random(2);
        int ids = 80;
        Gallery g = new Gallery(D);
        float[][] t = enrolRandom(g, r, ids, "p");
        int probes = 300;
        float[][] x = new float[probes][];
        List<String> mates = new ArrayList<>();
        int[] rankOf = new int[probes];
        for (int p = 0; p < probes; p++) {
            int id = r.nextInt(ids);
            x[p] = near(t[id], r, 1.3);
            mates.add("p" + id);
            rankOf[p] = ranking(t, x[p]).indexOf(id) + 1;
        }
        CmcCurve cmc = Identification.closedSet(g, FeatureMatrix.of(x), mates, 20);
        assertThat(cmc.identificationRates()).hasSize(20);
        assertThat(cmc.probes()).isEqualTo(probes);
        for (int rank = 1; rank <= 20; rank++) {
            final int rr = rank;
            assertThat(cmc.rate(rank)).isEqualTo((double) Arrays.stream(rankOf).filter(k -> k <= rr).count() / probes);
        }
        assertThat(cmc.rank1()).isBetween(0.2, 0.99);
        assertThat(Identification.closedSet(g, FeatureMatrix.of(x), mates, 1000).identificationRates()).hasSize(ids).endsWith(1.0);
    }

    @Test
    void openSetTpirAtFpirMatchesBruteForce() {
        Random r = new Random(3);
        int ids = 60;
        Gallery g = new Gallery(D);
        float[][] t = enrolRandom(g, r, ids, "p");
        List<float[]> x = new ArrayList<>();
        List<String> mates = new ArrayList<>();
        List<Double> nonMatedTop = new ArrayList<>();
        List<double[]> mated = new ArrayList<>(); // {mate score, mate rank}
        for (int p = 0; p < 400; p++) {
            boolean isMated = p % 3 != 0;
            int id = r.nextInt(ids);
            float[] probe = isMated ? near(t[id], r, 1.0) : randomVector(r);
            x.add(probe);
            mates.add(isMated ? "p" + id : null);
            List<Integer> rank = ranking(t, probe);
            if (isMated) {
                mated.add(new double[] {CosineSimilarity.cosine(t[id], probe), rank.indexOf(id) + 1});
            } else {
                nonMatedTop.add(CosineSimilarity.cosine(t[rank.get(0)], probe));
            }
        }
        List<Double> targets = List.of(0.001, 0.01, 0.1, 0.3);
        for (int rankLimit : new int[] {1, 5}) {
            List<OpenSetPoint> pts = Identification.openSet(g, FeatureMatrix.of(x.toArray(new float[0][])), mates, targets, rankLimit);
            double[] pos = mated.stream().mapToDouble(m -> m[1] <= rankLimit ? m[0] : Double.NEGATIVE_INFINITY).toArray();
            double[] neg = nonMatedTop.stream().mapToDouble(Double::doubleValue).toArray();
            for (int k = 0; k < targets.size(); k++) {
                BruteForce.Expected e = BruteForce.tarAtFar(pos, neg, targets.get(k));
                OpenSetPoint p = pts.get(k);
                assertThat(p.targetFpir()).isEqualTo(targets.get(k));
                assertThat(p.threshold()).isCloseTo(e.threshold(), within(1e-12));
                assertThat(p.tpir()).isEqualTo((double) e.genuineAccepted() / pos.length);
                assertThat(p.fpirAchieved()).isEqualTo((double) e.impostorsAccepted() / neg.length);
                assertThat(p.nonMatedAllowed()).isEqualTo(e.k());
                assertThat(p.sampleLimited()).isEqualTo(e.k() == 0);
            }
        }
    }

    @Test
    void badInputIsRefused() {
        Gallery g = new Gallery(3);
        g.enrol("a", new float[] {1, 0, 0});
        assertThatThrownBy(() -> g.enrol("a", new float[] {0, 1, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' is already enrolled");
        assertThatThrownBy(() -> g.enrol("b", new float[] {0, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template of 'b' has 2 values");
        assertThatThrownBy(() -> g.enrol("c", new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all zeros");
        assertThatThrownBy(() -> g.search(new float[] {1, Float.NaN, 0}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe holds NaN");
        assertThatThrownBy(() -> g.search(new float[] {1, 0, 0}, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k = 0");
        FeatureMatrix probes = FeatureMatrix.of(new float[][] {{1, 0, 0}, {0, 0, 0}});
        assertThatThrownBy(() -> g.searchBatch(probes, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe row 1");
        FeatureMatrix one = FeatureMatrix.of(new float[][] {{1, 0, 0}});
        assertThatThrownBy(() -> Identification.closedSet(g, one, List.of("zz"), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'zz' is not enrolled");
        assertThatThrownBy(() -> Identification.openSet(g, one, List.of("a"), List.of(0.1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 non-mated");
        assertThatThrownBy(() -> Identification.closedSet(g, one, List.of("a", "a"), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 mate ids for 1 probes");
    }
}
