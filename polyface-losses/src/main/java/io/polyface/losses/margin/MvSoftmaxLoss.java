package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.polyface.core.nn.ScalarOps;

/**
 * MV-Softmax (mis-classified vector guided softmax): a margin target, and negatives that beat it
 * (mis-classified vectors) emphasised with a fixed weight {@code t}.
 *
 * <p>Definition: target {@code f_i = c_{i,y_i} − m} ({@link Variant#AM}, "MV-AM-Softmax") or
 * ArcFace's {@code cos(θ_{i,y_i} + m)} with its fallback ({@link Variant#ARC}, "MV-Arc-Softmax");
 * {@code z_{i,y_i} = s·f_i}; a negative with {@code c_ij > f_i} becomes
 * {@code z_ij = s·((t + 1)·c_ij + t)}, the others {@code s·c_ij} (the "adaptive" indicator
 * function of the paper). The mask carries no gradient.
 *
 * <p>Source: X. Wang, S. Zhang, S. Wang, T. Fu, H. Shi, T. Mei, "Mis-classified Vector Guided
 * Softmax Loss for Face Recognition", AAAI 2020 (the adaptive indicator function of
 * mis-classified vectors) and the defaults of the authors' code (SV-X-Softmax {@code fc_layers.py}):
 * {@code s = 32}, {@code t = 0.2}, {@code m = 0.35} for MV-AM (0.5 for MV-Arc).
 */
public final class MvSoftmaxLoss extends MarginLoss {

    /** Which margin the target uses. */
    public enum Variant {
        /** Additive cosine margin (CosFace), "MV-AM-Softmax". */
        AM,
        /** Additive angular margin (ArcFace), "MV-Arc-Softmax". */
        ARC
    }

    private final Variant variant;
    private final double margin;
    private final double t;

    private MvSoftmaxLoss(Builder builder, double margin) {
        super(builder);
        this.variant = builder.variant;
        this.margin = margin;
        this.t = builder.t;
    }

    /**
     * Returns a builder with the defaults {@link Variant#AM}, {@code s = 32}, {@code m = 0.35},
     * {@code t = 0.2}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The margin variant.
     *
     * @return the variant
     */
    public Variant variant() {
        return variant;
    }

    /**
     * The margin {@code m} (cosine for AM, radians for ARC).
     *
     * @return {@code m}
     */
    public double margin() {
        return margin;
    }

    /**
     * The fixed emphasis {@code t} of mis-classified negatives.
     *
     * @return {@code t}
     */
    public double t() {
        return t;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.cosine();
        NDArray targetCosine = batch.targetCosine();
        NDArray target = variant == Variant.AM
                ? targetCosine.sub(margin)
                : AngularMargin.arcFaceTarget(targetCosine, margin);
        NDArray misclassified = c.gt(target.stopGradient());
        NDArray negatives = NDArrays.where(misclassified, ScalarOps.mul(c, t + 1).add(t), c);
        return ScalarOps.mul(batch.withTarget(negatives, target), scale());
    }

    /** Builder of {@link MvSoftmaxLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Variant variant = Variant.AM;
        private Double margin;
        private double t = 0.2;

        private Builder() {
            super(Builder.class, "mv-softmax", 32);
        }

        /**
         * Sets the margin variant (default {@link Variant#AM}); the default margin follows it
         * (0.35 for AM, 0.5 for ARC) unless set.
         *
         * @param variant the variant
         * @return this builder
         */
        public Builder optVariant(Variant variant) {
            this.variant = variant;
            return this;
        }

        /**
         * Sets the margin {@code m} (default 0.35 for AM, 0.5 for ARC).
         *
         * @param margin {@code m ∈ [0, 1]} for AM, {@code [0, π/2]} for ARC
         * @return this builder
         */
        public Builder optMargin(double margin) {
            this.margin = margin;
            return this;
        }

        /**
         * Sets the emphasis {@code t} of mis-classified negatives (default 0.2).
         *
         * @param t {@code t ∈ [0, 1]}
         * @return this builder
         */
        public Builder optT(double t) {
            this.t = t;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range or the variant is null
         */
        public MvSoftmaxLoss build() {
            validateCommon();
            if (variant == null) {
                throw new IllegalArgumentException("variant must be AM or ARC, got null");
            }
            double m = margin != null ? margin : variant == Variant.AM ? 0.35 : 0.5;
            requireInRange("margin", m, 0, variant == Variant.AM ? 1 : Math.PI / 2);
            requireInRange("t", t, 0, 1);
            return new MvSoftmaxLoss(this, m);
        }
    }
}
