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
public final class CosFaceLoss extends MarginLoss {

    private final double margin;

    private CosFaceLoss(Builder builder) {
        super(builder);
        this.margin = builder.margin;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 0.35}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The additive cosine margin {@code m}.
     *
     * @return {@code m}
     */
    public double margin() {
        return margin;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        return ScalarOps.mul(batch.withTarget(batch.cosine(), batch.targetCosine().sub(margin)), scale());
    }

    /** Builder of {@link CosFaceLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private double margin = 0.35;

        private Builder() {
            super("cosface", 64);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the cosine margin {@code m} (default 0.35).
         *
         * @param margin {@code m ∈ [0, 2]}
         * @return this builder
         */
        public Builder optMargin(double margin) {
            this.margin = margin;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public CosFaceLoss build() {
            validateCommon();
            requireInRange("margin", margin, 0, 2);
            return new CosFaceLoss(this);
        }
    }
}
