package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.polyface.core.nn.ScalarOps;

/**
 * SphereFace (A-Softmax, multiplicative angular margin) on normalised embeddings.
 *
 * <p>Target: {@code ψ(θ) = (−1)^k·cos(mθ) − 2k} for {@code θ ∈ [kπ/m, (k+1)π/m]}, which is
 * monotone decreasing in {@code θ}, blended with the plain cosine by the annealing weight
 * {@code λ}: {@code z_{i,y_i} = s·(λ·c + ψ)/(1 + λ)}, {@code z_ij = s·c_ij} otherwise, with
 * {@code λ = max(λ_min, base·(1 + γ·iteration)^(−power))}.
 *
 * <p>Source: W. Liu et al., "SphereFace: Deep Hypersphere Embedding for Face Recognition", CVPR
 * 2017 (the A-Softmax loss and its ψ) and the released Caffe model ({@code m = 4}; annealing
 * {@code base = 1000, γ = 0.12, power = 1, λ_min = 5}, iteration counted from 0 and incremented
 * before each training forward, as Caffe's {@code MarginInnerProduct} layer does). The paper
 * multiplies by the embedding norm {@code ‖x‖}; here, as in the normalised margin family,
 * a fixed scale {@code s} (default 64) replaces it. Setting {@code base = λ_min = 0} gives the
 * pure A-Softmax target {@code s·ψ}.
 *
 * <p>Vectorised and acos-free: {@code cos(mθ) = T_m(c)} (Chebyshev polynomial) and
 * {@code k = #{j ∈ 1..m−1 : c ≤ cos(jπ/m)}} (no gradient through {@code k}), so gradients are
 * finite for every {@code c ∈ [−1, 1]}.
 *
 * <p>State: the iteration count advances once per {@link #evaluate} while gradients are
 * recorded; not thread-safe.
 */
public final class SphereFaceLoss extends MarginLoss {

    private final int margin;
    private final LambdaSchedule lambdaSchedule;
    private long iteration;

    private SphereFaceLoss(Builder builder) {
        super(builder);
        this.margin = builder.margin;
        this.lambdaSchedule = builder.lambdaSchedule;
        this.iteration = builder.iteration;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 4}, annealing
     * {@code base 1000, γ 0.12, power 1, λ_min 5}, iteration 0, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The integer angular margin {@code m}.
     *
     * @return {@code m ∈ [1, 8]}
     */
    public int margin() {
        return margin;
    }

    /**
     * The number of training evaluations seen so far.
     *
     * @return the iteration count
     */
    public long iteration() {
        return iteration;
    }

    /**
     * The current blend weight {@code λ = max(λ_min, base·(1 + γ·iteration)^(−power))}.
     *
     * @return {@code λ >= 0}
     */
    public double lambda() {
        return lambdaSchedule.at(iteration);
    }

    @Override
    protected void observe(MarginBatch batch) {
        iteration++;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.targetCosine();
        DataType type = c.getDataType();
        NDArray k = c.zerosLike();
        for (int j = 1; j < margin; j++) {
            k = k.add(c.lte(Math.cos(j * Math.PI / margin)).toType(type, false));
        }
        NDArray parity = k.sub(ScalarOps.mul(ScalarOps.div(k, 2.0).floor(), 2.0));
        NDArray sign = ScalarOps.mul(parity, -2.0).add(1.0);
        NDArray psi = sign.mul(chebyshev(c, margin)).sub(ScalarOps.mul(k, 2.0));
        double lambda = lambda();
        NDArray target = ScalarOps.div(ScalarOps.mul(c, lambda).add(psi), 1 + lambda);
        return ScalarOps.mul(batch.withTarget(batch.cosine(), target), scale());
    }

    /** {@code T_m(c) = cos(m·acos c)} by the recurrence {@code T_{n+1} = 2c·T_n − T_{n−1}}. */
    private static NDArray chebyshev(NDArray c, int m) {
        NDArray previous = c.onesLike();
        NDArray current = c;
        for (int n = 1; n < m; n++) {
            NDArray next = ScalarOps.mul(c.mul(current), 2.0).sub(previous);
            previous = current;
            current = next;
        }
        return current;
    }

    /**
     * The annealing schedule of the blend weight, {@code λ(t) = max(λ_min, base·(1 + γ·t)^(−power))}.
     *
     * @param base {@code base}
     * @param gamma {@code γ}
     * @param power {@code power}
     * @param min {@code λ_min}
     */
    private record LambdaSchedule(double base, double gamma, double power, double min) {

        /** Caffe's released SphereFace schedule: 1000, 0.12, 1, 5. */
        static final LambdaSchedule CAFFE = new LambdaSchedule(1000, 0.12, 1, 5);

        double at(long iteration) {
            return Math.max(min, base * Math.pow(1 + gamma * iteration, -power));
        }

        void validate() {
            BaseBuilder.requireInRange("lambdaBase", base, 0, Double.MAX_VALUE);
            BaseBuilder.requireInRange("lambdaGamma", gamma, 0, Double.MAX_VALUE);
            BaseBuilder.requireInRange("lambdaPower", power, 0, Double.MAX_VALUE);
            BaseBuilder.requireInRange("lambdaMin", min, 0, Double.MAX_VALUE);
        }
    }

    /** Builder of {@link SphereFaceLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private int margin = 4;
        private LambdaSchedule lambdaSchedule = LambdaSchedule.CAFFE;
        private long iteration;

        private Builder() {
            super(Builder.class, "sphereface", 64);
        }

        /**
         * Sets the integer margin {@code m} (default 4).
         *
         * @param margin {@code m ∈ [1, 8]}
         * @return this builder
         */
        public Builder optMargin(int margin) {
            this.margin = margin;
            return this;
        }

        /**
         * Sets the annealing schedule {@code λ = max(λ_min, base·(1 + γ·iteration)^(−power))}
         * (default 1000, 0.12, 1, 5).
         *
         * @param base {@code base >= 0}
         * @param gamma {@code γ >= 0}
         * @param power {@code power >= 0}
         * @param lambdaMin {@code λ_min >= 0}
         * @return this builder
         */
        public Builder optLambdaSchedule(double base, double gamma, double power, double lambdaMin) {
            this.lambdaSchedule = new LambdaSchedule(base, gamma, power, lambdaMin);
            return this;
        }

        /**
         * Sets the starting iteration, e.g. when resuming training (default 0).
         *
         * @param iteration {@code >= 0}
         * @return this builder
         */
        public Builder optIteration(long iteration) {
            this.iteration = iteration;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public SphereFaceLoss build() {
            validateCommon();
            requireInRange("margin", margin, 1, 8);
            lambdaSchedule.validate();
            requireInRange("iteration", iteration, 0, Long.MAX_VALUE);
            return new SphereFaceLoss(this);
        }
    }
}
