package io.polyface.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The InsightFace-compatible "nearest ROC point" ({@link NearestRocPoint}) computed in one streaming pass
 * over descending genuine and impostor scores, in O(targets) memory: scikit-learn's
 * {@code roc_curve(labels, scores)} (distinct thresholds in decreasing order, cumulative false and true
 * positives at each; {@code drop_intermediate=True} keeps the first and last points and every point where
 * either count's second difference is non-zero; the origin is prepended with threshold {@code +inf}), then,
 * as InsightFace's IJB scripts ({@code recognition/_evaluation_/ijb/ijb_11.py},
 * {@code arcface_torch/eval_ijbc.py}) do, the curve is reversed ({@code np.flipud}) and the first point
 * minimising {@code |fpr - target|} is taken: in ascending order that is the <em>last</em> of the equally
 * near points, i.e. the largest TPR among points of equal FPR. The scan stops once a kept point at or past the
 * largest target has been offered and a point of larger FPR is reached: no later point can be nearer or tie.
 */
final class RocScan {

    private RocScan() {}

    /**
     * Finds the nearest ROC point of each target.
     *
     * @param genuineDescending genuine score {@code i} in descending order, {@code 0 <= i < genuineCount}
     * @param genuineCount the number of genuine scores, {@code >= 1}
     * @param impostorDescending impostor score {@code i} in descending order, {@code 0 <= i < impostorCount}
     * @param impostorCount the number of impostor scores, {@code >= 1}
     * @param targets target FPRs, each {@code 0 < far < 1} (already checked)
     * @return one point per target, in the order given
     */
    static List<NearestRocPoint> nearest(IntToDoubleFunction genuineDescending, int genuineCount,
                                         IntToDoubleFunction impostorDescending, int impostorCount, double[] targets) {
        Nearest best = new Nearest(targets, genuineCount, impostorCount);
        best.offer(0, 0, Double.POSITIVE_INFINITY); // the origin scikit-learn prepends
        int gi = 0;
        int ii = 0;
        long tps = 0;
        long fps = 0;
        // sliding window of the last three curve points (before dropping): a = p-1, b = p, then the next
        long aFps = 0;
        long aTps = 0;
        long bFps = -1;
        long bTps = -1;
        double bThreshold = Double.NaN;
        int seen = 0;
        double maxTarget = 0;
        for (double t : targets) {
            maxTarget = Math.max(maxTarget, t);
        }
        long settledFps = -1; // fps of the first kept point at or past the largest target
        while (gi < genuineCount || ii < impostorCount) {
            double g = gi < genuineCount ? genuineDescending.applyAsDouble(gi) : Double.NEGATIVE_INFINITY;
            double s = ii < impostorCount ? impostorDescending.applyAsDouble(ii) : Double.NEGATIVE_INFINITY;
            double t = Math.max(g, s);
            while (gi < genuineCount && genuineDescending.applyAsDouble(gi) == t) {
                tps++;
                gi++;
            }
            while (ii < impostorCount && impostorDescending.applyAsDouble(ii) == t) {
                fps++;
                ii++;
            }
            boolean keep = seen == 1 || (seen >= 2 && ((fps - 2 * bFps + aFps) != 0 || (tps - 2 * bTps + aTps) != 0));
            if (keep) {
                best.offer(bFps, bTps, bThreshold); // the first point is always kept
                if (settledFps < 0 && (double) bFps / impostorCount >= maxTarget) {
                    settledFps = bFps;
                }
            }
            if (settledFps >= 0 && fps > settledFps) {
                return best.points(); // this and every later point lie farther from every target
            }
            aFps = bFps;
            aTps = bTps;
            bFps = fps;
            bTps = tps;
            bThreshold = t;
            seen++;
        }
        best.offer(bFps, bTps, bThreshold); // the last point is always kept
        return best.points();
    }

    /** The best point so far for each target; later points win ties (InsightFace's flipud). */
    private static final class Nearest {
        private final double[] targets;
        private final double[] distance;
        private final long[] fps;
        private final long[] tps;
        private final double[] threshold;
        private final int genuineCount;
        private final int impostorCount;

        Nearest(double[] targets, int genuineCount, int impostorCount) {
            this.targets = targets;
            this.distance = new double[targets.length];
            java.util.Arrays.fill(distance, Double.POSITIVE_INFINITY);
            this.fps = new long[targets.length];
            this.tps = new long[targets.length];
            this.threshold = new double[targets.length];
            this.genuineCount = genuineCount;
            this.impostorCount = impostorCount;
        }

        void offer(long f, long t, double thr) {
            double fpr = (double) f / impostorCount;
            for (int k = 0; k < targets.length; k++) {
                double d = Math.abs(fpr - targets[k]);
                if (d <= distance[k]) {
                    distance[k] = d;
                    fps[k] = f;
                    tps[k] = t;
                    threshold[k] = thr;
                }
            }
        }

        List<NearestRocPoint> points() {
            List<NearestRocPoint> out = new ArrayList<>(targets.length);
            for (int k = 0; k < targets.length; k++) {
                out.add(new NearestRocPoint(targets[k], (double) tps[k] / genuineCount, (double) fps[k] / impostorCount, threshold[k]));
            }
            return out;
        }
    }
}
