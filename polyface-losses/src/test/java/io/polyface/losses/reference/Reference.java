package io.polyface.losses.reference;

/**
 * Independent double-precision implementations of the margin losses, written from the formulas in
 * ../shared/spec/losses.md and the papers with plain loops and {@code Math.acos}/{@code Math.cos}
 * (the production code is vectorised and acos-free where it can be). Used only by tests.
 */
public final class Reference {

    private Reference() {}

    /** {@code c_ij = x_i·W_j / (‖x_i‖·‖W_j‖)}, with zero rows giving 0. */
    public static double[][] cosines(double[][] x, double[][] w) {
        double[][] c = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
                double nx = norm(x[i]);
                double nw = norm(w[j]);
                c[i][j] = nx == 0 || nw == 0 ? 0 : dot(x[i], w[j]) / (nx * nw);
            }
        }
        return c;
    }

    public static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    public static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    /** Mean over the batch of the cross-entropy against {@code (1 − ε)·onehot + ε/C}. */
    public static double crossEntropy(double[][] z, int[] y, double epsilon) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            int classes = z[i].length;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sumExp = 0;
            for (double v : z[i]) {
                sumExp += Math.exp(v - max);
            }
            double logNormaliser = max + Math.log(sumExp);
            double loss = 0;
            for (int j = 0; j < classes; j++) {
                double q = (j == y[i] ? 1 - epsilon : 0) + epsilon / classes;
                loss -= q * (z[i][j] - logNormaliser);
            }
            total += loss;
        }
        return total / z.length;
    }

    /** Softmax probabilities of one row of logits. */
    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /** ArcFace's target cosine: {@code cos(θ + m)} if {@code c > cos(π − m)}, else {@code c − m·sin m}. */
    public static double arcTarget(double c, double m) {
        return c > Math.cos(Math.PI - m) ? Math.cos(Math.acos(c) + m) : c - m * Math.sin(m);
    }

    private static double[][] copyScaled(double[][] c, double s) {
        double[][] z = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            z[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
                z[i][j] = s * c[i][j];
            }
        }
        return z;
    }

    public static double[][] normFace(double[][] c, int[] y, double s) {
        return copyScaled(c, s);
    }

    public static double[][] cosFace(double[][] c, int[] y, double s, double m) {
        double[][] z = copyScaled(c, s);
        for (int i = 0; i < c.length; i++) {
            z[i][y[i]] = s * (c[i][y[i]] - m);
        }
        return z;
    }

    public static double[][] arcFace(double[][] c, int[] y, double s, double m, boolean easy) {
        double[][] z = copyScaled(c, s);
        for (int i = 0; i < c.length; i++) {
            double cy = c[i][y[i]];
            double target = easy ? (cy > 0 ? Math.cos(Math.acos(cy) + m) : cy) : arcTarget(cy, m);
            z[i][y[i]] = s * target;
        }
        return z;
    }

    public static double[][] arcNegFace(double[][] c, int[] y, double s, double m, double alpha, double sigma) {
        return arcNegFace(c, y, s, m, alpha, sigma, c);
    }

    /**
     * ArcNegFace logits with the weights {@code t} taken from {@code weightSource} (the unperturbed
     * batch in finite differences: {@code t} is a constant for back-propagation).
     */
    public static double[][] arcNegFace(
            double[][] c, int[] y, double s, double m, double alpha, double sigma, double[][] weightSource) {
        double[][] t = arcNegFaceWeights(weightSource, y, m, alpha, sigma);
        double[][] z = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            z[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
                z[i][j] = j == y[i] ? s * arcTarget(c[i][y[i]], m) : s * (t[i][j] * c[i][j] + t[i][j] - 1);
            }
        }
        return z;
    }

    /** The ArcNegFace weight {@code t_ij} (1 on the target column). */
    public static double[][] arcNegFaceWeights(double[][] c, int[] y, double m, double alpha, double sigma) {
        double[][] t = new double[c.length][c[0].length];
        for (int i = 0; i < c.length; i++) {
            double a = arcTarget(c[i][y[i]], m);
            for (int j = 0; j < c[i].length; j++) {
                t[i][j] = j == y[i] ? 1 : alpha * Math.exp(-Math.pow(c[i][j] - a, 2) / sigma);
            }
        }
        return t;
    }

    /** SphereFace target {@code (λ·c + ψ(θ))/(1 + λ)}, {@code ψ = (−1)^k cos(mθ) − 2k}. */
    public static double sphereTarget(double c, int m, double lambda) {
        double theta = Math.acos(c);
        int k = Math.min(m - 1, (int) Math.floor(m * theta / Math.PI));
        double psi = (k % 2 == 0 ? 1 : -1) * Math.cos(m * theta) - 2 * k;
        return (lambda * c + psi) / (1 + lambda);
    }

    public static double[][] sphereFace(double[][] c, int[] y, double s, int m, double lambda) {
        double[][] z = copyScaled(c, s);
        for (int i = 0; i < c.length; i++) {
            z[i][y[i]] = s * sphereTarget(c[i][y[i]], m, lambda);
        }
        return z;
    }

    /** Combined margin with the library's monotone fallback where {@code m1·θ + m2 ≥ π}. */
    public static double combinedTarget(double c, double m1, double m2, double m3) {
        double theta = Math.acos(c);
        if (m1 * theta + m2 < Math.PI) {
            return Math.cos(m1 * theta + m2) - m3;
        }
        double threshold = Math.cos((Math.PI - m2) / m1);
        return c - threshold - Math.cos(m2) - m2 * Math.sin(m2) - m3;
    }

    public static double[][] combined(double[][] c, int[] y, double s, double m1, double m2, double m3) {
        double[][] z = copyScaled(c, s);
        for (int i = 0; i < c.length; i++) {
            z[i][y[i]] = s * combinedTarget(c[i][y[i]], m1, m2, m3);
        }
        return z;
    }

    /** The updated CurricularFace {@code t}: {@code k·mean(c_y) + (1 − k)·t}. */
    public static double curricularT(double[][] c, int[] y, double t, double momentum) {
        double mean = 0;
        for (int i = 0; i < c.length; i++) {
            mean += c[i][y[i]];
        }
        mean /= c.length;
        return momentum * mean + (1 - momentum) * t;
    }

    public static double[][] curricularFace(double[][] c, int[] y, double s, double m, double t) {
        double[][] z = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            double cy = c[i][y[i]];
            double hardThreshold = Math.cos(Math.acos(cy) + m);
            z[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
                double v = c[i][j];
                if (j == y[i]) {
                    z[i][j] = s * arcTarget(cy, m);
                } else {
                    z[i][j] = s * (v > hardThreshold ? v * (t + v) : v);
                }
            }
        }
        return z;
    }

    public static double[][] mvSoftmax(double[][] c, int[] y, double s, double m, double t, boolean arc) {
        double[][] z = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            double cy = c[i][y[i]];
            double f = arc ? arcTarget(cy, m) : cy - m;
            z[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
                double v = c[i][j];
                if (j == y[i]) {
                    z[i][j] = s * f;
                } else {
                    z[i][j] = s * (v > f ? (t + 1) * v + t : v);
                }
            }
        }
        return z;
    }

    /** AdaFace running statistics after one training batch: {@code {μ', σ'}}. */
    public static double[] adaFaceStatistics(double[] norms, double mean, double std, double momentum) {
        double[] n = new double[norms.length];
        double batchMean = 0;
        for (int i = 0; i < norms.length; i++) {
            n[i] = Math.min(100, Math.max(0.001, norms[i]));
            batchMean += n[i];
        }
        batchMean /= n.length;
        double var = 0;
        for (double v : n) {
            var += (v - batchMean) * (v - batchMean);
        }
        double batchStd = Math.sqrt(var / (n.length - 1));
        return new double[] {momentum * batchMean + (1 - momentum) * mean, momentum * batchStd + (1 - momentum) * std};
    }

    public static double[][] adaFace(double[][] c, int[] y, double[] norms, double s, double m, double h,
            double mean, double std) {
        double eta = 1e-3;
        double[][] z = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            double n = Math.min(100, Math.max(0.001, norms[i]));
            double r = Math.max(-1, Math.min(1, h * (n - mean) / (std + eta)));
            z[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
                double v = Math.max(-1 + eta, Math.min(1 - eta, c[i][j]));
                if (j == y[i]) {
                    double angle = Math.max(eta, Math.min(Math.PI - eta, Math.acos(v) - m * r));
                    z[i][j] = s * (Math.cos(angle) - (m + m * r));
                } else {
                    z[i][j] = s * v;
                }
            }
        }
        return z;
    }
}
