package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import io.polyface.core.nn.ScalarOps;

/**
 * ArcNegFace: ArcFace's target with Gaussian re-weighting of the negatives.
 *
 * <p>Definition (../shared/spec/losses.md, "ArcNegFace"): with the ArcFace target
 * {@code a_i = cos(θ_{i,y_i} + m)} if {@code c_{i,y_i} > cos(π − m)}, else
 * {@code c_{i,y_i} − m·sin m}, the negative weights {@code t_ij = α·exp(−(c_ij − a_i)²/σ)} and
 * <pre>
 *   z_{i,y_i} = s·a_i,        z_ij = s·(t_ij·c_ij + t_ij − 1)   (j ≠ y_i).
 * </pre>
 * {@code t} is a constant for back-propagation (no gradient through {@code t}, nor through
 * {@code a_i} inside {@code t}), as in the reference code, so {@code ∂z_ij/∂c_ij = s·t_ij}.
 * Negatives near the target (hard negatives) are weighted up to {@code α}, far ones down;
 * {@code c = −1} is a fixed point ({@code z = −s}); with {@code t ≡ 1} the negative logits are
 * ArcFace's {@code s·c_ij}. Because {@code t} is detached, back-propagation gives the gradient of
 * the loss with {@code t} frozen at the batch's values, not of the loss value itself: an SGD step
 * lowers the former, while the value itself can rise (it does for small steps on the tests' fixed
 * batch, whose hard negatives lie near their targets).
 *
 * <p>Source: Y. Liu et al., "Towards Flops-constrained Face Recognition", ICCV Workshops (LFR
 * challenge) 2019 (the paper of this project; its ArcNegFace loss, whose exact form and reference
 * code are summarised in the spec above); published setting {@code s = 64, m = 0.5, α = 1.2, σ = 2}.
 */
public final class ArcNegFaceLoss extends SingleMarginLoss {

    private final double alpha;
    private final double sigma;

    private ArcNegFaceLoss(Builder builder) {
        super(builder);
        this.alpha = builder.alpha;
        this.sigma = builder.sigma;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 0.5}, {@code α = 1.2},
     * {@code σ = 2}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The peak negative weight {@code α}.
     *
     * @return {@code α}
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The width {@code σ} of the Gaussian weighting (divides the squared cosine gap).
     *
     * @return {@code σ}
     */
    public double sigma() {
        return sigma;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.cosine();
        NDArray target = AngularMargin.arcFaceTarget(batch.targetCosine(), margin());
        NDArray gap = c.stopGradient().sub(target.stopGradient());
        NDArray weights = ScalarOps.mul(ScalarOps.div(gap.square(), -sigma).exp(), alpha);
        NDArray negatives = weights.mul(c).add(weights).sub(1.0);
        return ScalarOps.mul(batch.withTarget(negatives, target), scale());
    }

    /** Builder of {@link ArcNegFaceLoss}. */
    public static final class Builder extends MarginBuilder<Builder> {
        private double alpha = 1.2;
        private double sigma = 2;

        private Builder() {
            super(Builder.class, "arcnegface", 64, 0.5, Math.PI / 2);
        }

        /**
         * Sets the peak negative weight {@code α} (default 1.2).
         *
         * @param alpha {@code α > 0}
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the Gaussian width {@code σ} (default 2).
         *
         * @param sigma {@code σ > 0}
         * @return this builder
         */
        public Builder optSigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public ArcNegFaceLoss build() {
            validateCommon();
            requireInRange("alpha", alpha, Double.MIN_VALUE, Double.MAX_VALUE);
            requireInRange("sigma", sigma, Double.MIN_VALUE, Double.MAX_VALUE);
            return new ArcNegFaceLoss(this);
        }
    }
}
