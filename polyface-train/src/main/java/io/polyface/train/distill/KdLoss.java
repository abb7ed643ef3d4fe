package io.polyface.train.distill;

import ai.djl.ndarray.NDArray;
import io.polyface.core.nn.ScalarOps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Knowledge-distillation losses between a student's embeddings and the teacher's, averaged over the batch.
 * {@code ŝ = s/‖s‖₂} and {@code t̂ = t/‖t‖₂} are the L2-normalised rows ({@code ‖·‖₂} with a {@code 1e-12}
 * floor under the square root); {@code B} is the batch size.
 *
 * <ul>
 *   <li>{@link #ANGULAR}: {@code (1/B) Σ_i ‖ŝ_i − t̂_i‖² = (1/B) Σ_i (2 − 2 cos(s_i, t_i))} — the feature / angular
 *       distillation loss of VarGFaceNet (Yan et al., "VarGFaceNet: An Efficient Variable Group Convolutional Neural
 *       Network for Lightweight Face Recognition", ICCV Workshops 2019, §3.3: the L2 distance of normalised
 *       embeddings, equivalent to an angular loss). Needs equal sizes: a projection when they differ
 *       ({@link DistillationObjective}).</li>
 *   <li>{@link #COSINE}: {@code (1/B) Σ_i (1 − cos(s_i, t_i))}, half of {@link #ANGULAR}; the same sizes rule.</li>
 *   <li>{@link #RELATION}: {@code (1/B²) Σ_ij (ŝ_i·ŝ_j − t̂_i·t̂_j)²}: the student's {@code B×B} cosine matrix
 *       matches the teacher's (relational distillation; Park et al., "Relational Knowledge Distillation",
 *       CVPR 2019; with cosine similarities as in Tung &amp; Mori, "Similarity-Preserving Knowledge Distillation",
 *       ICCV 2019, Eq. 4 with row-normalised embeddings). Independent of the embedding sizes.</li>
 *   <li>{@link #PROXYLESS}: the margin loss of the student's embeddings against the teacher's frozen class centres
 *       ({@link ProxylessKd}); the same sizes rule.</li>
 * </ul>
 * All are built from DJL array operations (differentiable under a gradient recording) and use no scalar
 * {@code NDArray.mul/div(Number)} (see {@link ScalarOps}).
 */
public enum KdLoss {
    /** {@code ‖ŝ − t̂‖² = 2 − 2cos}, VarGFaceNet. */
    ANGULAR,
    /** {@code 1 − cos}. */
    COSINE,
    /** Cosine-matrix matching, Park et al. 2019 / Tung &amp; Mori 2019. */
    RELATION,
    /**
     * ProxylessKD (Shi et al. 2020): the teacher's margin loss against the teacher's frozen class centres; needs a
     * PolyFace checkpoint as teacher and labels — evaluated by {@link ProxylessKd}, not by {@link #evaluate}.
     */
    PROXYLESS;

    /** Floor under the squared norm. */
    static final double EPS = 1e-12;

    /**
     * @param student the student's embeddings {@code [B, d]} (projected to {@code D} for {@link #ANGULAR}/{@link #COSINE}
     *     when the sizes differ)
     * @param teacher the teacher's embeddings {@code [B, D]} (need not be normalised)
     * @return the scalar loss
     * @throws IllegalArgumentException if the batch sizes differ, or for {@link #ANGULAR}/{@link #COSINE} the widths
     * @throws UnsupportedOperationException for {@link #PROXYLESS} (it compares with class centres: {@link ProxylessKd})
     */
    public NDArray evaluate(NDArray student, NDArray teacher) {
        if (this == PROXYLESS) {
            throw new UnsupportedOperationException("proxyless distillation compares the student with the teacher's class centres: see ProxylessKd");
        }
        long b = student.getShape().get(0);
        if (teacher.getShape().get(0) != b) {
            throw new IllegalArgumentException("teacher batch " + teacher.getShape() + " does not match the student's " + student.getShape());
        }
        NDArray s = unit(student);
        NDArray t = unit(teacher);
        if (this == RELATION) {
            NDArray diff = s.matMul(s.transpose()).sub(t.matMul(t.transpose()));
            return diff.mul(diff).sum().div(constant(diff, (double) b * b));
        }
        if (student.getShape().get(1) != teacher.getShape().get(1)) {
            throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " distillation needs equal embedding sizes: student "
                    + student.getShape() + ", teacher " + teacher.getShape() + " (use a projection)");
        }
        NDArray cos = s.mul(t).sum(new int[] {1});
        NDArray oneMinus = constant(cos, 1.0).sub(cos);
        NDArray mean = oneMinus.mean();
        return this == ANGULAR ? mean.mul(constant(mean, 2.0)) : mean;
    }

    /** @return whether the loss compares embeddings element-wise (and so needs a projection when the sizes differ) */
    public boolean needsEqualSizes() {
        return this != RELATION;
    }

    /**
     * Parses a comma-separated list such as {@code angular,relation}.
     *
     * @param text the list
     * @return the losses, in order, without repeats
     * @throws IllegalArgumentException naming {@code --kd-loss} and the expected names
     */
    public static List<KdLoss> parseList(String text) {
        List<KdLoss> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            KdLoss l;
            try {
                l = KdLoss.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--kd-loss: '" + part.trim() + "' is not angular, cosine, relation or proxyless");
            }
            if (!out.contains(l)) {
                out.add(l);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--kd-loss: expected at least one of angular, cosine, relation, proxyless");
        }
        return out;
    }

    /** Rows scaled to unit L2 norm: {@code x / sqrt(Σ x² + ε)}. */
    static NDArray unit(NDArray x) {
        NDArray sq = x.mul(x).sum(new int[] {1}, true);
        return x.div(sq.add(constant(x, EPS)).sqrt());
    }

    /** A 0-dimensional constant of {@code like}'s type in its manager ({@link ScalarOps#scalar}), so no type promotion happens. */
    static NDArray constant(NDArray like, double value) {
        return ScalarOps.scalar(like.getManager(), value).toType(like.getDataType(), false);
    }
}
