package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import io.polyface.core.nn.ScalarOps;

/**
 * CurricularFace: ArcFace's target, with hard negatives re-weighted by an adaptive curriculum
 * parameter {@code t}.
 *
 * <p>Definition: target {@code s·a_i} with ArcFace's target {@code a_i} (with its fallback, see
 * {@link ArcFaceLoss}); a negative with {@code c_ij > cos(θ_{i,y_i} + m)} becomes
 * {@code s·c_ij·(t + c_ij)}, the others stay {@code s·c_ij}. {@code t} is an exponential moving
 * average of the batch mean target cosine, {@code t ← k·mean_i(c_{i,y_i}) + (1 − k)·t} with
 * momentum {@code k = 0.01} and {@code t = 0} initially, updated (without gradient) before the
 * logits of each training batch; {@code t} and the hard-negative mask carry no gradient.
 *
 * <p>Source: Y. Huang et al., "CurricularFace: Adaptive Curriculum Learning Loss for Deep Face
 * Recognition", CVPR 2020 (the adaptive curricular modulation of hard negatives and the moving
 * average of {@code t}) and the authors' code; published setting
 * {@code s = 64, m = 0.5}, momentum 0.01.
 *
 * <p>State: {@code t} changes once per {@link #evaluate} while gradients are recorded (it reads one
 * scalar back from the device); not thread-safe.
 */
public final class CurricularFaceLoss extends SingleMarginLoss {

    private final double momentum;
    private double t;

    private CurricularFaceLoss(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
        this.t = builder.initialT;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 0.5}, momentum 0.01,
     * {@code t = 0}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The current curriculum parameter {@code t} (moving average of the target cosine).
     *
     * @return {@code t}
     */
    public double t() {
        return t;
    }

    @Override
    protected void observe(MarginBatch batch) {
        double meanTarget = batch.targetCosine().stopGradient().mean().toType(DataType.FLOAT64, false).getDouble();
        t = momentum * meanTarget + (1 - momentum) * t;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.cosine();
        NDArray targetCosine = batch.targetCosine();
        NDArray target = AngularMargin.arcFaceTarget(targetCosine, margin());
        NDArray hard = c.gt(AngularMargin.cosPlusMargin(targetCosine, margin()).stopGradient());
        NDArray negatives = NDArrays.where(hard, c.mul(c.add(t)), c);
        return ScalarOps.mul(batch.withTarget(negatives, target), scale());
    }

    /** Builder of {@link CurricularFaceLoss}. */
    public static final class Builder extends MarginBuilder<Builder> {
        private double momentum = 0.01;
        private double initialT;

        private Builder() {
            super(Builder.class, "curricularface", 64, 0.5, Math.PI / 2);
        }

        /**
         * Sets the momentum of the moving average of {@code t} (default 0.01).
         *
         * @param momentum {@code ∈ [0, 1]}
         * @return this builder
         */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets the starting value of {@code t}, e.g. when resuming training (default 0).
         *
         * @param t {@code t ∈ [-1, 1]}
         * @return this builder
         */
        public Builder optInitialT(double t) {
            this.initialT = t;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public CurricularFaceLoss build() {
            validateCommon();
            requireInRange("momentum", momentum, 0, 1);
            requireInRange("initialT", initialT, -1, 1);
            return new CurricularFaceLoss(this);
        }
    }
}
