package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.polyface.core.nn.ScalarOps;

/**
 * ArcFace (additive angular margin()): {@code z_{i,y_i} = s·cos(θ_{i,y_i} + m)},
 * {@code z_ij = s·c_ij} for {@code j ≠ y_i}.
 *
 * <p>Source: J. Deng, J. Guo, N. Xue, S. Zafeiriou, "ArcFace: Additive Angular Margin Loss for
 * Deep Face Recognition", CVPR 2019 (the additive angular margin loss); published setting
 * {@code s = 64, m = 0.5}.
 * Where {@code θ + m > π} (i.e. {@code c ≤ cos(π − m)}) the target falls back to
 * {@code c − m·sin m}, as in the authors' code, so that it stays monotone in {@code c}. With
 * {@code easyMargin} the margin is applied only where {@code c > 0} (target {@code c} elsewhere),
 * the authors' "easy margin" option; that target is not monotone at {@code c = 0}.
 * {@code cos(θ + m)} is computed without acos (see the spec's "Numerics").
 */
public final class ArcFaceLoss extends SingleMarginLoss {

    private final boolean easyMargin;

    private ArcFaceLoss(Builder builder) {
        super(builder);
        this.easyMargin = builder.easyMargin;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 0.5}, no easy margin(),
     * {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the margin is applied only to positive target cosines.
     *
     * @return the easy-margin flag
     */
    public boolean easyMargin() {
        return easyMargin;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.targetCosine();
        NDArray target = easyMargin
                ? NDArrays.where(c.gt(0.0), AngularMargin.cosPlusMargin(c, margin()), c)
                : AngularMargin.arcFaceTarget(c, margin());
        return ScalarOps.mul(batch.withTarget(batch.cosine(), target), scale());
    }

    /** Builder of {@link ArcFaceLoss}. */
    public static final class Builder extends MarginBuilder<Builder> {
        private boolean easyMargin;

        private Builder() {
            super(Builder.class, "arcface", 64, 0.5, Math.PI / 2);
        }

        /**
         * Applies the margin only where the target cosine is positive (default false).
         *
         * @param easyMargin the easy-margin flag
         * @return this builder
         */
        public Builder optEasyMargin(boolean easyMargin) {
            this.easyMargin = easyMargin;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public ArcFaceLoss build() {
            validateCommon();
            return new ArcFaceLoss(this);
        }
    }
}
