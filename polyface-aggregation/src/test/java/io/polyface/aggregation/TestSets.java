package io.polyface.aggregation;

import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Test helpers: random sets, duplication, deep copies and double-precision comparisons. */
final class TestSets {

    private TestSets() {}

    /** {@code n} frames of dimension {@code d}, components uniform in [-1, 1). */
    static float[][] randomFrames(Random rnd, int n, int d) {
        float[][] f = new float[n][d];
        for (float[] row : f) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextFloat() * 2f - 1f;
            }
        }
        return f;
    }

    /** {@code n} scores, uniform in [lo, hi). */
    static float[] randomScores(Random rnd, int n, float lo, float hi) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = lo + rnd.nextFloat() * (hi - lo);
        }
        return s;
    }

    /** Every row twice, interleaved: a, a, b, b, ... */
    static float[][] duplicate(float[][] frames) {
        float[][] out = new float[frames.length * 2][];
        for (int i = 0; i < frames.length; i++) {
            out[2 * i] = frames[i].clone();
            out[2 * i + 1] = frames[i].clone();
        }
        return out;
    }

    /** Every value twice, interleaved like {@link #duplicate(float[][])}. */
    static float[] duplicate(float[] values) {
        float[] out = new float[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            out[2 * i] = values[i];
            out[2 * i + 1] = values[i];
        }
        return out;
    }

    /** Every id twice, interleaved like {@link #duplicate(float[][])}. */
    static String[] duplicate(String[] ids) {
        String[] out = new String[ids.length * 2];
        for (int i = 0; i < ids.length; i++) {
            out[2 * i] = ids[i];
            out[2 * i + 1] = ids[i];
        }
        return out;
    }

    static float[][] deepCopy(float[][] frames) {
        float[][] out = new float[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            out[i] = frames[i].clone();
        }
        return out;
    }

    static float[] flatten(float[][] frames) {
        int d = frames[0].length;
        float[] out = new float[frames.length * d];
        for (int i = 0; i < frames.length; i++) {
            System.arraycopy(frames[i], 0, out, i * d, d);
        }
        return out;
    }

    /** {@code Σ w_i f_i / Σ_j w_j}: the weights normalised to sum 1 (in place), then {@link #weightedSum}. */
    static double[] weightedMean(float[][] frames, double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return weightedSum(frames, w);
    }

    /** {@code Σ_i w_i f_i} in double precision. */
    static double[] weightedSum(float[][] frames, double[] w) {
        double[] v = new double[frames[0].length];
        for (int i = 0; i < frames.length; i++) {
            for (int j = 0; j < v.length; j++) {
                v[j] += w[i] * frames[i][j];
            }
        }
        return v;
    }

    /** The arithmetic mean of the frames, in double precision. */
    static double[] arithmeticMean(float[][] frames) {
        double[] v = new double[frames[0].length];
        for (float[] f : frames) {
            for (int j = 0; j < v.length; j++) {
                v[j] += f[j];
            }
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= frames.length;
        }
        return v;
    }

    static double[] l2normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double norm = Math.sqrt(s);
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] / norm;
        }
        return out;
    }

    static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j];
        }
        return out;
    }

    /** Component-wise |actual - expected| <= tol. */
    static void assertClose(float[] actual, double[] expected, double tol) {
        assertThat(actual).hasSize(expected.length);
        for (int j = 0; j < expected.length; j++) {
            assertThat((double) actual[j]).as("component %d", j).isCloseTo(expected[j], within(tol));
        }
    }

    /**
     * Asserts that duplicating every frame, with its quality score and media id, leaves the aggregate unchanged
     * (within {@code tol}): the set-size invariance every aggregator here promises.
     *
     * @param aggregator the aggregator
     * @param frames the frames
     * @param qualityScores their scores, or null
     * @param mediaIds their media ids, or null
     * @param tol the tolerance per component
     */
    static void assertDuplicationInvariant(Aggregator aggregator, float[][] frames, float[] qualityScores, String[] mediaIds,
                                           double tol) {
        float[] duplicated = aggregator.aggregate(duplicate(frames), qualityScores == null ? null : duplicate(qualityScores),
                mediaIds == null ? null : duplicate(mediaIds));
        assertClose(duplicated, toDouble(aggregator.aggregate(frames, qualityScores, mediaIds)), tol);
    }

    /**
     * {@link #assertDuplicationInvariant} on random scored sets of every size in {@code [minFrames, maxFrames]}:
     * for each size, {@link #randomFrames} then {@link #randomScores} are drawn from {@code rnd}, no media ids.
     *
     * @param aggregator the aggregator
     * @param rnd the random source (advanced)
     * @param minFrames the smallest set
     * @param maxFrames the largest set
     * @param d the dimension
     * @param lo the smallest score
     * @param hi the score bound (exclusive)
     */
    static void assertDuplicationInvariantOnScoredSets(Aggregator aggregator, Random rnd, int minFrames, int maxFrames, int d,
                                                       float lo, float hi) {
        for (int n = minFrames; n <= maxFrames; n++) {
            float[][] f = randomFrames(rnd, n, d);
            float[] s = randomScores(rnd, n, lo, hi);
            assertDuplicationInvariant(aggregator, f, s, null, 1e-6);
        }
    }

    /**
     * Compares an aggregator, unnormalised and normalised, with an independent double computation on 30 random scored
     * sets: per set, {@code n = minFrames + rnd.nextInt(frameSpan)} frames of dimension {@code 1 + rnd.nextInt(maxDim)}
     * ({@link #randomFrames}) and their scores in {@code [lo, hi)} ({@link #randomScores}), within 2e-7 per component.
     *
     * @param rnd the random source (advanced)
     * @param minFrames the smallest set
     * @param frameSpan how many set sizes from {@code minFrames} on are drawn
     * @param maxDim the largest dimension
     * @param lo the smallest score
     * @param hi the score bound (exclusive)
     * @param raw the aggregator without normalisation
     * @param normalised the same aggregator with normalisation
     * @param expected the independent computation of the unnormalised aggregate from frames and scores
     */
    static void assertMatchesOnRandomScoredSets(Random rnd, int minFrames, int frameSpan, int maxDim, float lo, float hi,
                                                Aggregator raw, Aggregator normalised,
                                                BiFunction<float[][], float[], double[]> expected) {
        for (int trial = 0; trial < 30; trial++) {
            int n = minFrames + rnd.nextInt(frameSpan);
            float[][] f = randomFrames(rnd, n, 1 + rnd.nextInt(maxDim));
            float[] s = randomScores(rnd, n, lo, hi);
            assertClose(raw.aggregate(f, s), expected.apply(f, s), 2e-7);
            assertClose(normalised.aggregate(f, s), l2normalise(expected.apply(f, s)), 2e-7);
        }
    }
}
