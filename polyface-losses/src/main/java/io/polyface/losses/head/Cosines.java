package io.polyface.losses.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.nn.ScalarOps;

/**
 * Row norms, L2 normalisation and the cosine matrix between embeddings and class centres.
 *
 * <p>Zero-norm rows: every norm is floored at {@link #NORM_EPSILON} before dividing (the
 * convention of {@code torch.nn.functional.normalize}), so an all-zero embedding or centre is
 * normalised to the zero vector, its cosines are exactly 0 and every value and gradient stays
 * finite (the gradient reaching a zero row is scaled by {@code 1 / NORM_EPSILON}). No NaN is ever
 * produced by a zero row.
 *
 * <p>All methods are pure functions of their inputs; results belong to the manager of the first
 * operand (DJL's rule), so callers that hold long-lived inputs such as parameters should run them
 * inside a sub-manager (as {@link MarginHead} does).
 */
public final class Cosines {

    /** Floor applied to every L2 norm before dividing by it (as in PyTorch's {@code normalize}). */
    public static final double NORM_EPSILON = 1e-12;

    private Cosines() {}

    /**
     * L2 norms of the rows of a matrix.
     *
     * @param rows a matrix {@code [N, d]}
     * @return the norms {@code [N]}, each {@code max(‖row‖, NORM_EPSILON)}
     * @throws IllegalArgumentException if {@code rows} is not two-dimensional
     */
    public static NDArray rowNorms(NDArray rows) {
        requireMatrix(rows, "rows");
        return ScalarOps.maximum(rows.square().sum(new int[] {1}), NORM_EPSILON * NORM_EPSILON).sqrt();
    }

    /**
     * Divides every row by its L2 norm: {@code x̂ = x / max(‖x‖, NORM_EPSILON)}.
     *
     * <p>Deliberately not {@link io.polyface.core.embed.L2}'s error for a zero row: this runs inside the DJL training
     * graph, where a data-dependent check would force a device sync per step and autograd needs the clamped norm
     * (InsightFace's {@code F.normalize} clamps the same way).
     *
     * @param rows a matrix {@code [N, d]}
     * @return the unit rows {@code [N, d]} (the zero vector for an all-zero row)
     * @throws IllegalArgumentException if {@code rows} is not two-dimensional
     */
    public static NDArray l2Normalise(NDArray rows) {
        return rows.div(rowNorms(rows).expandDims(1));
    }

    /**
     * The cosine matrix {@code c_ij = x̂_i · Ŵ_j} of L2-normalised embeddings and class centres
     * (the notation of {@code ../shared/spec/losses.md}).
     *
     * @param embeddings the embeddings {@code [B, d]}
     * @param centres the class centres {@code [C, d]}
     * @return the cosines {@code [B, C]}, in {@code [-1, 1]} up to rounding
     * @throws IllegalArgumentException if either input is not a matrix or their widths differ
     */
    public static NDArray matrix(NDArray embeddings, NDArray centres) {
        requireMatrix(embeddings, "embeddings");
        requireMatrix(centres, "centres");
        long d = embeddings.getShape().get(1);
        if (centres.getShape().get(1) != d) {
            throw new IllegalArgumentException("embeddings " + embeddings.getShape()
                    + " and centres " + centres.getShape()
                    + " must have the same embedding size (second dimension)");
        }
        return l2Normalise(embeddings).matMul(l2Normalise(centres).transpose());
    }

    private static void requireMatrix(NDArray array, String name) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix [N, d], got shape " + shape);
        }
    }
}
