package io.polyface.losses.regular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.nn.ScalarOps;
import io.polyface.core.util.Checks;
import io.polyface.losses.head.Cosines;

/**
 * RegularFace's exclusive regularisation of the class centres, computed exactly in class chunks.
 *
 * <p>Definition (../shared/spec/losses.md, "RegularFace"):
 * {@code L_r(W) = (1/C)·Σ_i max_{j≠i} cos(W_i, W_j)}; the arg-max index {@code j*(i)} carries no
 * gradient, the selected cosine does (to both {@code W_i} and {@code W_{j*(i)}}). Source: K. Zhao,
 * J. Xu, M.-M. Cheng, "RegularFace: Deep Face Recognition via Exclusive Regularization", CVPR 2019
 * (the exclusive regularisation term).
 *
 * <p>Chunked form (exact, not sampled): the nearest other centre {@code j*(i)} is searched without
 * gradient, {@link Builder#optChunkSize K} rows of {@code Ŵ} at a time against all of
 * {@code Ŵ}; then {@code L_r = mean_i Ŵ_i·Ŵ_{j*(i)}} is computed with gradient from the gathered
 * rows. Cost per evaluation: {@code 2·C²·d} multiply-adds for the search (e.g. 9.0e12 for
 * MS1M-RetinaFace's C = 93,431 at d = 512) plus {@code O(C·d)}; extra memory {@code K·C} values per
 * chunk (released after each chunk) plus {@code O(C·d)} for the gathered rows, instead of the
 * {@code C²} matrix of the direct form. Zero-norm centres are handled as in {@link Cosines}.
 */
public final class RegularFace {

    private final int chunkSize;

    private RegularFace(Builder builder) {
        this.chunkSize = builder.chunkSize;
    }

    /**
     * Returns a builder with the default chunk size 4096.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of centre rows searched per chunk.
     *
     * @return {@code K}
     */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Computes {@code L_r(W)}.
     *
     * @param centres the class centres {@code W [C, d]}, {@code C >= 2}
     * @param manager the manager that will own the result (intermediates are released)
     * @return the scalar penalty in {@code [-1, 1]}, differentiable with respect to {@code W}
     * @throws IllegalArgumentException if {@code centres} is not {@code [C, d]} with {@code C >= 2}
     */
    public NDArray penalty(NDArray centres, NDManager manager) {
        requireCentres(centres);
        try (NDManager scope = manager.newSubManager()) {
            centres.tempAttach(scope);
            NDArray unit = Cosines.l2Normalise(centres);
            NDArray nearest = nearestCentres(unit.stopGradient());
            NDArray partners = unit.get(nearest);
            NDArray result = unit.mul(partners).sum(new int[] {1}).mean();
            result.attach(manager);
            return result;
        }
    }

    /**
     * For every centre, the index of the most similar other centre (ties: the lowest index).
     *
     * @param centres the class centres {@code W [C, d]}, {@code C >= 2}
     * @return {@code j*(i)} as {@code int64 [C]}, in the manager of {@code centres}
     * @throws IllegalArgumentException if {@code centres} is not {@code [C, d]} with {@code C >= 2}
     */
    public NDArray nearestCentres(NDArray centres) {
        requireCentres(centres);
        NDManager out = centres.getManager();
        try (NDManager scope = out.newSubManager()) {
            centres.tempAttach(scope);
            NDArray unit = Cosines.l2Normalise(centres.stopGradient());
            NDArray unitT = unit.transpose();
            int numClasses = Math.toIntExact(unit.getShape().get(0));
            NDList parts = new NDList();
            for (int start = 0; start < numClasses; start += chunkSize) {
                int end = Math.min(numClasses, start + chunkSize);
                try (NDManager chunkScope = scope.newSubManager()) {
                    NDArray rows = unit.get(new NDIndex(start + ":" + end));
                    rows.attach(chunkScope);
                    NDArray similarities = rows.matMul(unitT);
                    similarities.attach(chunkScope);
                    // cosines are >= -1, so -4 on the diagonal (j = i) excludes it from the max
                    NDArray self = chunkScope.arange(start, end).toType(DataType.INT64, false)
                            .oneHot(numClasses, similarities.getDataType());
                    NDArray best = similarities.sub(ScalarOps.mul(self, 4.0)).argMax(1);
                    best.attach(scope);
                    parts.add(best);
                }
            }
            NDArray result = parts.size() == 1 ? parts.head() : NDArrays.concat(parts);
            result.attach(out);
            return result;
        }
    }

    private static void requireCentres(NDArray centres) {
        Shape shape = centres.getShape();
        if (shape.dimension() != 2 || shape.get(0) < 2) {
            throw new IllegalArgumentException(
                    "centres must be [C, d] with C >= 2, got shape " + shape);
        }
    }

    /** Builder of {@link RegularFace}. */
    public static final class Builder {
        private int chunkSize = 4096;

        private Builder() {}

        /**
         * Sets how many centre rows are compared against all centres at once (default 4096):
         * peak extra memory is {@code K·C} values.
         *
         * @param chunkSize {@code K >= 1}
         * @return this builder
         */
        public Builder optChunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Builds the regulariser.
         *
         * @return the regulariser
         * @throws IllegalArgumentException if the chunk size is below 1
         */
        public RegularFace build() {
            Checks.requireAtLeast("chunkSize", chunkSize, 1);
            return new RegularFace(this);
        }
    }
}
