package io.polyface.aggregation.eval;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.core.io.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Synthetic tracks with one known bad frame each, evaluated by TemplateEvaluation and by a brute-force
 * recomputation written here (double precision, every pair, the exact threshold rule of the spec).
 */
class TemplateEvaluationTest {

    private static final int IDENTITIES = 12;
    private static final int TRACKS = 3;
    private static final int FRAMES = 4;
    private static final int D = 16;

    private record Data(FeatureMatrix frames, List<TrackId> ids, float[] quality) {}

    /** Good frames: the identity's centre plus noise, score 1..2; two bad frames per track: random directions, score 0. */
    private static Data data(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        List<TrackId> ids = new ArrayList<>();
        List<Float> q = new ArrayList<>();
        for (int c = 0; c < IDENTITIES; c++) {
            double[] centre = gaussian(rnd);
            for (int t = 0; t < TRACKS; t++) {
                for (int k = 0; k < FRAMES; k++) {
                    boolean bad = k == (c + t) % FRAMES || k == (c + t + 1) % FRAMES;
                    double[] n = gaussian(rnd);
                    float[] f = new float[D];
                    for (int j = 0; j < D; j++) {
                        f[j] = (float) (bad ? 3 * n[j] : centre[j] + 1.0 * n[j]);
                    }
                    rows.add(f);
                    ids.add(new TrackId("id" + c, "t" + t, null));
                    q.add(bad ? 0f : 1f + (float) rnd.nextDouble());
                }
            }
        }
        float[] quality = new float[q.size()];
        for (int i = 0; i < quality.length; i++) {
            quality[i] = q.get(i);
        }
        return new Data(FeatureMatrix.of(rows.toArray(float[][]::new)), ids, quality);
    }

    private static double[] gaussian(SplittableRandom rnd) {
        double[] v = new double[D];
        for (int j = 0; j < D; j++) {
            v[j] = rnd.nextGaussian();
        }
        return v;
    }

    /** Track features by the spec's formulas, in double, tracks in first-appearance order. */
    private static double[][] reference(Data data, AggregationMethod method) {
        double[][] out = new double[IDENTITIES * TRACKS][D];
        for (int t = 0; t < out.length; t++) {
            double[] w = new double[FRAMES];
            double[][] f = new double[FRAMES][D];
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int k = 0; k < FRAMES; k++) {
                int r = t * FRAMES + k;
                double norm = 0;
                for (int j = 0; j < D; j++) {
                    f[k][j] = data.frames().get(r, j);
                    norm += f[k][j] * f[k][j];
                }
                double q = data.quality()[r];
                min = Math.min(min, q);
                max = Math.max(max, q);
                switch (method) {
                    case MEAN -> {
                        for (int j = 0; j < D; j++) {
                            f[k][j] /= Math.sqrt(norm);
                        }
                        w[k] = 1;
                    }
                    case QAN -> w[k] = 1 / (1 + Math.exp(-q));
                    default -> w[k] = q;
                }
            }
            for (int k = 0; k < FRAMES; k++) {
                if (method == AggregationMethod.QANPP) {
                    w[k] = (w[k] - min) / (max - min);
                }
                for (int j = 0; j < D; j++) {
                    out[t][j] += w[k] * f[k][j];
                }
            }
        }
        return out;
    }

    /** TAR at a FAR by brute force: k = floor(FAR * N_imp) impostors allowed, accept when score > (k+1)-th largest impostor. */
    private static double bruteForceTar(double[][] v, double far) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (int a = 0; a < v.length; a++) {
            for (int b = a + 1; b < v.length; b++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int j = 0; j < D; j++) {
                    dot += v[a][j] * v[b][j];
                    na += v[a][j] * v[a][j];
                    nb += v[b][j] * v[b][j];
                }
                double s = dot / Math.sqrt(na * nb);
                (a / TRACKS == b / TRACKS ? genuine : impostor).add(s);
            }
        }
        double[] imp = impostor.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = (int) Math.floor(far * imp.length);
        double threshold = imp[imp.length - 1 - k];
        return genuine.stream().filter(s -> s > threshold).count() / (double) genuine.size();
    }

    @Test
    void eachMethodsTarAtFarEqualsABruteForceRecomputation() {
        Data data = data(5);
        List<Double> fars = List.of(1e-2, 1e-1);
        TemplateComparison c = TemplateEvaluation.builder().optTargetFars(fars).build()
                .evaluate(data.frames(), data.ids(), data.quality());
        assertThat(c.results()).extracting(r -> r.aggregator().method())
                .containsExactly(AggregationMethod.MEAN, AggregationMethod.QAN, AggregationMethod.QANPP);
        int tracks = IDENTITIES * TRACKS;
        for (MethodResult r : c.results()) {
            assertThat(r.verification().genuineCount()).isEqualTo(IDENTITIES * 3L);
            assertThat(r.verification().impostorCount()).isEqualTo((long) tracks * (tracks - 1) / 2 - IDENTITIES * 3L);
            double[][] ref = reference(data, r.aggregator().method());
            for (double far : fars) {
                assertThat(r.tarAt(far)).as("%s at FAR %s", r.aggregator().method(), far).isEqualTo(bruteForceTar(ref, far));
            }
        }
        // the bad frames are random directions scored 0: QAN++ gives them weight 0, mean pooling keeps them
        assertThat(c.result(AggregationMethod.QANPP).tarAt(1e-2)).isGreaterThan(c.result(AggregationMethod.MEAN).tarAt(1e-2));
        String table = c.toTable();
        System.out.print(table);
        assertThat(table).contains("36 tracks (144 frames)").contains("TAR@1e-02").contains("qanpp");
        assertThat(Arrays.stream(table.split("\n")).filter(l -> l.startsWith("  mean ")).count()).isEqualTo(1);
    }

    @Test
    void aLookupOfAMissingMethodOrFarAndBadSettingsAreRejected() {
        Data data = data(6);
        Aggregator mean = AggregationMethod.MEAN.create(true);
        TemplateComparison c = TemplateEvaluation.builder().optAggregators(List.of(mean)).optTargetFars(List.of(0.05)).build()
                .evaluate(data.frames(), data.ids(), null);
        assertThatThrownBy(() -> c.result(AggregationMethod.QAN)).hasMessageContaining("qan was not evaluated");
        assertThatThrownBy(() -> c.result(AggregationMethod.MEAN).at(0.01)).hasMessageContaining("FAR 0.01 was not evaluated");
        assertThatThrownBy(() -> TemplateEvaluation.builder().optAggregators(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplateEvaluation.builder().optTargetFars(List.of(1.5)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplateEvaluation.builder().build().evaluate(data.frames(), data.ids(), null))
                .hasMessageContaining("qan needs per-frame quality scores");
    }
}
