package io.polyface.core.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.polyface.core.util.Checks;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The NASWOT kernel of Mellor et al., "Neural Architecture Search without Training", ICML 2021, §3:
 * over a batch of N inputs, every rectified unit gives each input a bit (its pre-activation &gt; 0); with
 * c_i the concatenated bits of input i over all N_A units, K_H[i][j] = N_A − d_H(c_i, c_j) (d_H the Hamming
 * distance). Layers are added one at a time: for a layer's bits x ∈ {0,1}^{N×D} the contribution is
 * x·xᵀ + (1−x)·(1−x)ᵀ, computed as D − s_i − s_j + 2·(x·xᵀ)_ij with s the row sums (the number of matching
 * bits). The score is log|K_H| ({@link #logDeterminant()}).
 *
 * <p>Each product is exact: bits are summed in float32 in column chunks of at most 2²⁴ (where float32 integers
 * are exact), totals in double. Not thread-safe.
 */
public final class HammingKernel {

    private static final int EXACT_FLOAT_INTEGERS = 1 << 24;

    private final int n;
    private final double[][] k;
    private long units;

    /**
     * @param batchSize N
     * @throws IllegalArgumentException unless N ≥ 1
     */
    public HammingKernel(int batchSize) {
        Checks.requireAtLeast("batch size", batchSize, 1);
        this.n = batchSize;
        this.k = new double[batchSize][batchSize];
    }

    /**
     * Adds one layer's bits.
     *
     * @param preActivation the rectifier's input, {@code [N, …]} (any trailing shape); not modified or closed
     * @throws IllegalArgumentException if its first dimension is not N
     */
    public void add(NDArray preActivation) {
        if (preActivation.getShape().get(0) != n) {
            throw new IllegalArgumentException("pre-activation " + preActivation.getShape() + " does not have batch size " + n);
        }
        long d = preActivation.getShape().size() / n;
        try (NDManager scope = NDManager.subManagerOf(preActivation)) {
            preActivation.tempAttach(scope);
            NDArray bits = preActivation.reshape(n, d).gt(0).toType(DataType.FLOAT32, false);
            for (long from = 0; from < d; from += EXACT_FLOAT_INTEGERS) {
                long to = Math.min(d, from + EXACT_FLOAT_INTEGERS);
                NDArray x = (from == 0 && to == d) ? bits : bits.get(":, " + from + ":" + to);
                float[] gram = x.matMul(x.transpose()).toFloatArray();
                float[] ones = x.sum(new int[] {1}).toFloatArray();
                long width = to - from;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        k[i][j] += width - ones[i] - ones[j] + 2.0 * gram[i * n + j];
                    }
                }
            }
        }
        units += d;
    }

    /**
     * Adds one layer's bits given as booleans (for callers without an engine, and for tests).
     *
     * @param bits {@code [N][D]} unit states
     * @throws IllegalArgumentException if there are not N rows of equal length
     */
    public void add(boolean[][] bits) {
        if (bits.length != n) {
            throw new IllegalArgumentException("bits have " + bits.length + " rows, expected " + n);
        }
        int d = bits[0].length;
        for (boolean[] row : bits) {
            if (row.length != d) {
                throw new IllegalArgumentException("bit rows differ in length");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int same = 0;
                for (int u = 0; u < d; u++) {
                    if (bits[i][u] == bits[j][u]) {
                        same++;
                    }
                }
                k[i][j] += same;
            }
        }
        units += d;
    }

    /** @return N_A, the rectified units added so far (per input) */
    public long units() {
        return units;
    }

    /** @return a copy of K_H, {@code [N][N]}: N_A minus the Hamming distance of the codes */
    public double[][] matrix() {
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            c[i] = k[i].clone();
        }
        return c;
    }

    /**
     * log|K_H| by Cholesky factorisation (K_H is a Gram matrix, so positive semi-definite): 2·Σ log L_ii.
     *
     * @return the natural log of the determinant; {@code Double.NEGATIVE_INFINITY} if K_H is singular (two inputs
     *     with identical codes), detected as a Cholesky pivot below 10⁻⁹·N_A
     * @throws IllegalStateException if no layer was added
     */
    public double logDeterminant() {
        if (units == 0) {
            throw new IllegalStateException("the kernel is empty: the network has no rectifier");
        }
        try {
            RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(k, true), 1e-12, 1e-9 * units).getL();
            double log = 0;
            for (int i = 0; i < n; i++) {
                log += Math.log(l.getEntry(i, i));
            }
            return 2 * log;
        } catch (NonPositiveDefiniteMatrixException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }
}
