package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import io.polyface.core.nn.ScalarOps;

/**
 * NormFace / normalised softmax: {@code z_ij = s·c_ij}, no margin.
 *
 * <p>Source: F. Wang, X. Xiang, J. Cheng, A. L. Yuille, "NormFace: L2 Hypersphere Embedding for
 * Face Verification", ACM MM 2017, Sec. 3 (softmax over the cosines of normalised features and
 * weights, followed by a scale layer). The paper learns {@code s}; here it is fixed, default 64 as in the margin losses built on
 * it (CosFace, ArcFace). Registered as {@code "normface"} and {@code "softmax"} in
 * {@link MarginLosses}.
 */
public final class NormFaceLoss extends MarginLoss {

    private NormFaceLoss(Builder builder) {
        super(builder);
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        return ScalarOps.mul(batch.cosine(), scale());
    }

    /** Builder of {@link NormFaceLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Builder() {
            super(Builder.class, "normface", 64);
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public NormFaceLoss build() {
            validateCommon();
            return new NormFaceLoss(this);
        }
    }
}
