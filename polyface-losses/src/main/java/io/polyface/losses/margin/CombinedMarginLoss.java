package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.polyface.core.nn.ScalarOps;

/**
 * Combined margin (InsightFace): {@code z_{i,y_i} = s·(cos(m1·θ + m2) − m3)},
 * {@code z_ij = s·c_ij} for {@code j ≠ y_i}; {@code (1, m, 0)} is ArcFace, {@code (1, 0, m)} is
 * CosFace and {@code m1 > 1} a SphereFace-like multiplicative margin.
 *
 * <p>Source: J. Deng et al., "ArcFace: Additive Angular Margin Loss for Deep Face Recognition",
 * CVPR 2019 (the combined margin penalty {@code s·(cos(m1·θ + m2) − m3)}, as in InsightFace's
 * code); default {@code s = 64} and {@code (m1, m2, m3) = (1.0, 0.3, 0.2)}, the combination the
 * paper reports as "CM1".
 *
 * <p>Monotone fallback: where {@code m1·θ + m2 > π}, i.e. {@code c ≤ c* = cos((π − m2)/m1)}
 * (only when {@code (π − m2)/m1 < π}), the target continues as the slope-1 line
 * {@code c − c* − cos m2 − m2·sin m2 − m3}. For {@code m1 = 1} this is exactly ArcFace's fallback
 * {@code c − m2·sin m2 − m3}; for other {@code m1} it is this library's generalisation (the paper
 * defines none), chosen so the target stays monotone in {@code c}. With {@code m1 = 1},
 * {@code cos(θ + m2)} is computed without acos; otherwise {@code θ = acos(c)} on {@code c} clipped to
 * {@code [−1 + 1e−7, 1 − 1e−7]} so the gradient stays finite.
 */
public final class CombinedMarginLoss extends MarginLoss {

    /** Clip applied before acos when {@code m1 ≠ 1}. */
    static final double ACOS_GUARD = 1e-7;

    private final double m1;
    private final double m2;
    private final double m3;

    private CombinedMarginLoss(Builder builder) {
        super(builder);
        this.m1 = builder.m1;
        this.m2 = builder.m2;
        this.m3 = builder.m3;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code (m1, m2, m3) = (1.0, 0.3, 0.2)},
     * {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The multiplicative angular margin {@code m1}.
     *
     * @return {@code m1}
     */
    public double m1() {
        return m1;
    }

    /**
     * The additive angular margin {@code m2} in radians.
     *
     * @return {@code m2}
     */
    public double m2() {
        return m2;
    }

    /**
     * The additive cosine margin {@code m3}.
     *
     * @return {@code m3}
     */
    public double m3() {
        return m3;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.targetCosine();
        NDArray main;
        if (m1 == 1.0) {
            main = AngularMargin.cosPlusMargin(c, m2);
        } else {
            main = ScalarOps.mul(c.clip(-1 + ACOS_GUARD, 1 - ACOS_GUARD).acos(), m1).add(m2).cos();
        }
        main = main.sub(m3);
        double fallbackAngle = (Math.PI - m2) / m1;
        NDArray target = main;
        if (fallbackAngle < Math.PI) {
            double threshold = Math.cos(fallbackAngle);
            NDArray fallback = c.sub(threshold + Math.cos(m2) + m2 * Math.sin(m2) + m3);
            target = NDArrays.where(c.gt(threshold), main, fallback);
        }
        return ScalarOps.mul(batch.withTarget(batch.cosine(), target), scale());
    }

    /** Builder of {@link CombinedMarginLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private double m1 = 1.0;
        private double m2 = 0.3;
        private double m3 = 0.2;

        private Builder() {
            super(Builder.class, "combined", 64);
        }

        /**
         * Sets the three margins (default 1.0, 0.3, 0.2).
         *
         * @param m1 multiplicative angular margin, {@code m1 ∈ [0.5, 4]}
         * @param m2 additive angular margin in radians, {@code m2 ∈ [0, π/2]}
         * @param m3 additive cosine margin, {@code m3 ∈ [0, 1]}
         * @return this builder
         */
        public Builder optMargins(double m1, double m2, double m3) {
            this.m1 = m1;
            this.m2 = m2;
            this.m3 = m3;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public CombinedMarginLoss build() {
            validateCommon();
            requireInRange("m1", m1, 0.5, 4);
            requireInRange("m2", m2, 0, Math.PI / 2);
            requireInRange("m3", m3, 0, 1);
            return new CombinedMarginLoss(this);
        }
    }
}
