package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.polyface.core.nn.ScalarOps;

/**
 * The additive angular margin {@code cos(θ + m)} computed from {@code c = cos θ} without acos,
 * and ArcFace's monotone fallback.
 *
 * <p>{@code cos(θ + m) = c·cos m − sin θ·sin m} with {@code sin θ = √max(1 − c², SIN_FLOOR²)}:
 * the floor keeps the value finite and the gradient bounded at {@code |c| = 1}, where the true
 * derivative of {@code √(1 − c²)} is unbounded (../shared/spec/losses.md, "Numerics").
 */
final class AngularMargin {

    /** Floor of {@code sin θ}; changes {@code cos(θ + m)} by at most {@code 1e-6·sin m}. */
    static final double SIN_FLOOR = 1e-6;

    private AngularMargin() {}

    /**
     * {@code cos(θ + m)} for cosines {@code c} already clipped to {@code [-1, 1]}.
     *
     * @param c cosines, any shape
     * @param m the angular margin in radians
     * @return {@code cos(acos(c) + m)}, same shape
     */
    static NDArray cosPlusMargin(NDArray c, double m) {
        NDArray sin = ScalarOps.maximum(c.square().neg().add(1.0), SIN_FLOOR * SIN_FLOOR).sqrt();
        return ScalarOps.mul(c, Math.cos(m)).sub(ScalarOps.mul(sin, Math.sin(m)));
    }

    /**
     * ArcFace's target cosine with its fallback (Deng et al., ArcFace, CVPR 2019, and InsightFace's
     * reference code): {@code cos(θ + m)} where {@code c > cos(π − m)}, else {@code c − m·sin m},
     * which keeps the target monotone in {@code c} when {@code θ + m > π}. It is not continuous: at
     * {@code c = cos(π − m)} it jumps from −1 (above) to {@code −cos m − m·sin m} (at and below).
     *
     * @param c target cosines clipped to {@code [-1, 1]}, any shape
     * @param m the angular margin in radians, {@code 0 <= m < π}
     * @return the margin-adjusted target cosines, same shape
     */
    static NDArray arcFaceTarget(NDArray c, double m) {
        NDArray main = cosPlusMargin(c, m);
        NDArray fallback = c.sub(m * Math.sin(m));
        return NDArrays.where(c.gt(Math.cos(Math.PI - m)), main, fallback);
    }
}
