package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import io.polyface.core.nn.ScalarOps;

/**
 * CosFace / AM-Softmax (large margin cosine loss): {@code z_{i,y_i} = s·(c_{i,y_i} − m)},
 * {@code z_ij = s·c_ij} for {@code j ≠ y_i}.
 *
 * <p>Source: H. Wang et al., "CosFace: Large Margin Cosine Loss for Deep Face Recognition", CVPR
 * 2018 (the large margin cosine loss, LMCL); published setting {@code s = 64, m = 0.35}.
 */
public final class CosFaceLoss extends SingleMarginLoss {


    private CosFaceLoss(Builder builder) {
        super(builder);
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 0.35}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        return ScalarOps.mul(batch.withTarget(batch.cosine(), batch.targetCosine().sub(margin())), scale());
    }

    /** Builder of {@link CosFaceLoss}. */
    public static final class Builder extends MarginBuilder<Builder> {

        private Builder() {
            super(Builder.class, "cosface", 64, 0.35, 2);
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public CosFaceLoss build() {
            validateCommon();
            return new CosFaceLoss(this);
        }
    }
}
