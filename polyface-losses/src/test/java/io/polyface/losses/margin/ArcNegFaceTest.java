package io.polyface.losses.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.polyface.losses.reference.Arrays2;
import io.polyface.losses.reference.FixedBatch;
import io.polyface.losses.reference.Reference;
import org.junit.jupiter.api.Test;

/** The properties of ArcNegFace stated in ../shared/spec/losses.md, each checked numerically. */
class ArcNegFaceTest {

    private static final double S = 64;
    private static final double M = 0.5;

    @Test
    void defaultsAreThePapers() {
        ArcNegFaceLoss loss = ArcNegFaceLoss.builder().build();
        assertThat(loss.scale()).isEqualTo(64);
        assertThat(loss.margin()).isEqualTo(0.5);
        assertThat(loss.alpha()).isEqualTo(1.2);
        assertThat(loss.sigma()).isEqualTo(2);
        assertThat(loss.labelSmoothing()).isZero();
        assertThat(loss.getName()).isEqualTo("arcnegface");
    }

    @Test
    void negativeLogitGradientIsScaleTimesConstantWeightTimesProbability() {
        // t is held constant: dz_ij/dc_ij = s·t_ij, so dL_i/dc_ij = s·t_ij·p_ij (no label smoothing)
        double[][] c = new FixedBatch().cosines();
        int[] y = FixedBatch.LABELS;
        double[][] gradient;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, c, DataType.FLOAT64);
            cosine.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = ArcNegFaceLoss.builder().build()
                        .evaluate(new NDList(FixedBatch.labels(manager)), new NDList(cosine));
                collector.backward(loss.mul(FixedBatch.B)); // sum of L_i instead of the mean
            }
            gradient = Arrays2.toMatrix(cosine.getGradient());
        }
        double[][] t = Reference.arcNegFaceWeights(c, y, M, 1.2, 2);
        double[][] z = Reference.arcNegFace(c, y, S, M, 1.2, 2);
        for (int i = 0; i < c.length; i++) {
            double[] p = Reference.softmax(z[i]);
            for (int j = 0; j < c[i].length; j++) {
                if (j != y[i]) {
                    double expected = S * t[i][j] * p[j];
                    assertThat(gradient[i][j]).as("dL/dc[%d][%d]", i, j)
                            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
                }
            }
        }
    }

    @Test
    void targetIsMonotoneInTheTargetCosineAndJumpsAtCosPiMinusM() {
        int n = 4001;
        double[][] c = new double[n + 2][2];
        for (int k = 0; k < n; k++) {
            c[k][0] = -1 + 2.0 * k / (n - 1); // exactly -1 and 1 at the ends
        }
        double threshold = Math.cos(Math.PI - M);
        c[n][0] = threshold;
        c[n + 1][0] = threshold + 1e-12;
        double[] target = targetLogits(c);
        for (int k = 1; k < n; k++) {
            assertThat(target[k]).as("target at c = %f", c[k][0]).isGreaterThanOrEqualTo(target[k - 1]);
        }
        // below and at cos(π − m) the fallback c − m·sin m; just above, cos(θ + m) → cos π = −1
        double below = -Math.cos(M) - M * Math.sin(M);
        assertThat(target[n] / S).isCloseTo(below, within(1e-12));
        assertThat(target[n] / S).isCloseTo(-1.117, within(5e-4)); // the spec's figure
        assertThat(target[n + 1] / S).isCloseTo(-1.0, within(1e-6));
        // the grid brackets the threshold and is ordered around the jump
        assertThat(target[n + 1]).isGreaterThan(target[n]);
    }

    @Test
    void negativeWeightsLieBetweenTheFallbackMinimumAndAlpha() {
        // t_ij = α·exp(−(c_ij − a_i)²/σ) is smallest for c_ij = 1 and the lowest target a = −1 − m·sin m
        double[][] c = {{-1, 1, 0.3}, {0.2, 0.2, -0.2}};
        double[][] z = logits(c, new long[] {0, 0}, ArcNegFaceLoss.builder().build());
        double tMin = (z[0][1] / S + 1) / 2; // z = s·(t·1 + t − 1)
        double expected = 1.2 * Math.exp(-Math.pow(2 + M * Math.sin(M), 2) / 2);
        assertThat(tMin).isCloseTo(expected, within(1e-12));
        assertThat(tMin).isCloseTo(0.098, within(5e-4)); // the spec's "about 0.098"
        // a negative at the target cosine gets the peak weight α
        double a = Reference.arcTarget(0.2, M);
        double[][] atTarget = {{0.2, a}};
        double[][] zt = logits(atTarget, new long[] {0}, ArcNegFaceLoss.builder().build());
        assertThat((zt[0][1] / S + 1) / (a + 1)).isCloseTo(1.2, within(1e-12));
    }

    @Test
    void minusOneIsAFixedPointOfTheNegativeMap() {
        double[][] c = {{0.9, -1, 0.1}, {-0.95, -1, -1}, {1, -1, 0.5}};
        double[][] z = logits(c, new long[] {0, 0, 0}, ArcNegFaceLoss.builder().build());
        for (int i = 0; i < c.length; i++) {
            for (int j = 1; j < c[i].length; j++) {
                if (c[i][j] == -1) {
                    assertThat(z[i][j]).isCloseTo(-S, within(1e-12));
                }
            }
        }
    }

    @Test
    void withUnitWeightsTheNegativeLogitsAreArcFaces() {
        // α = 1 and a very wide Gaussian make t ≡ 1 (to 1e-12): then ArcNegFace is ArcFace
        double[][] c = new FixedBatch().cosines();
        long[] y = {2, 5, 0, 6};
        double[][] arcNeg = logits(c, y, ArcNegFaceLoss.builder().optAlpha(1).optSigma(1e12).build());
        double[][] arc = logits(c, y, ArcFaceLoss.builder().build());
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[i].length; j++) {
                assertThat(arcNeg[i][j]).isCloseTo(arc[i][j], within(1e-9));
            }
        }
    }

    /** Target logits of a default ArcNegFace for a column of target cosines (label 0). */
    private static double[] targetLogits(double[][] c) {
        long[] y = new long[c.length];
        double[][] z = logits(c, y, ArcNegFaceLoss.builder().build());
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = z[i][0];
        }
        return out;
    }

    private static double[][] logits(double[][] c, long[] y, MarginLoss loss) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cosine = Arrays2.create(manager, c, DataType.FLOAT64);
            NDArray labels = manager.create(y, new Shape(y.length));
            return Arrays2.toMatrix(loss.logits(cosine, labels));
        }
    }
}
