package io.polyface.core.pipeline;

import java.util.Arrays;

/**
 * Exact, brute-force verification figures over all pairs, written for the tests (independent of the
 * evaluation package). Scores are cosine similarities of L2-normalised embeddings.
 */
final class VerificationScores {

    final double[] genuine;
    final double[] impostor;

    private VerificationScores(double[] genuine, double[] impostor) {
        this.genuine = genuine;
        this.impostor = impostor;
    }

    /** All unordered pairs {@code i < j}; genuine when the labels are equal. */
    static VerificationScores allPairs(float[][] embeddings, String[] labels) {
        int n = embeddings.length;
        int genuineCount = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (labels[i].equals(labels[j])) {
                    genuineCount++;
                }
            }
        }
        double[] g = new double[genuineCount];
        double[] im = new double[n * (n - 1) / 2 - genuineCount];
        int gi = 0;
        int ii = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dot = 0;
                for (int d = 0; d < embeddings[i].length; d++) {
                    dot += (double) embeddings[i][d] * embeddings[j][d];
                }
                if (labels[i].equals(labels[j])) {
                    g[gi++] = dot;
                } else {
                    im[ii++] = dot;
                }
            }
        }
        return new VerificationScores(g, im);
    }

    /**
     * TAR at a target FAR with the exact rule of ../shared/spec/aggregation-and-evaluation.md: at most
     * k = ⌊FAR·N_imp⌋ impostors may be accepted, the threshold lies just above the (k+1)-th largest
     * impostor score, and TAR is the fraction of genuine scores strictly above that value.
     */
    double tarAtFar(double far) {
        double[] sorted = impostor.clone();
        Arrays.sort(sorted);
        int k = (int) Math.floor(far * sorted.length);
        double threshold = sorted[sorted.length - 1 - k];
        int accepted = 0;
        for (double s : genuine) {
            if (s > threshold) {
                accepted++;
            }
        }
        return (double) accepted / genuine.length;
    }

    /** Area under the ROC curve: P(genuine > impostor) + ½·P(tie), by direct comparison of every pair of scores. */
    double auc() {
        double wins = 0;
        for (double g : genuine) {
            for (double i : impostor) {
                if (g > i) {
                    wins += 1;
                } else if (g == i) {
                    wins += 0.5;
                }
            }
        }
        return wins / ((double) genuine.length * impostor.length);
    }
}
