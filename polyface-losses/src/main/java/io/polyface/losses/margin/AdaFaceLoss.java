package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.polyface.core.nn.ScalarOps;
import io.polyface.losses.head.MarginHead;

/**
 * AdaFace: a margin adapted to image quality, using the embedding norm as its proxy.
 *
 * <p>Definition (the authors' reference head, with {@code η = 1e-3}): cosines are clipped to
 * {@code [−1 + η, 1 − η]}; the norms {@code n_i = clip(‖x_i‖, 0.001, 100)} (no gradient) are
 * standardised by running statistics {@code μ, σ} and scaled,
 * {@code r_i = clip(h·(n_i − μ)/(σ + η), −1, 1)}; then
 * <pre>
 *   z_{i,y_i} = s·(cos(clip(θ_{i,y_i} − m·r_i, η, π − η)) − (m + m·r_i)),   z_ij = s·c_ij.
 * </pre>
 * High-norm (good quality) samples get an angular margin(), low-norm ones an additive margin that
 * emphasises easy samples. {@code μ, σ} are exponential moving averages of the batch mean and the
 * unbiased batch standard deviation of {@code n}, {@code μ ← α·mean + (1 − α)·μ} (likewise
 * {@code σ}), starting at {@code μ = 20, σ = 100}, updated before the logits of each training
 * batch.
 *
 * <p>Source: M. Kim, A. K. Jain, X. Liu, "AdaFace: Quality Adaptive Margin for Face Recognition",
 * CVPR 2022 (the quality-adaptive margin and the batch statistics of the norm) and the authors'
 * {@code head.py}; published setting {@code m = 0.4, h = 0.333, s = 64}, {@code α = 0.01} (the
 * authors' README example and training scripts).
 *
 * <p>Inputs: the predictions must hold the embedding norms {@code [B]} (or {@code [B, 1]}) at
 * {@link MarginHead#EMBEDDING_NORM}, as {@link MarginHead} produces them; the cosine-only
 * {@link #logits(NDArray, NDArray)} is therefore rejected. A training batch needs {@code B >= 2}
 * (the standard deviation). State: {@code μ, σ} change once per {@link #evaluate} while gradients
 * are recorded (two scalars read back from the device); not thread-safe.
 */
public final class AdaFaceLoss extends SingleMarginLoss {

    /** The clipping constant {@code η} of the reference code. */
    static final double ETA = 1e-3;

    private final double h;
    private final double momentum;
    private double normMean;
    private double normStd;

    private AdaFaceLoss(Builder builder) {
        super(builder);
        this.h = builder.h;
        this.momentum = builder.momentum;
        this.normMean = builder.normMean;
        this.normStd = builder.normStd;
    }

    /**
     * Returns a builder with the defaults {@code s = 64}, {@code m = 0.4}, {@code h = 0.333},
     * momentum {@code α = 0.01}, {@code μ = 20}, {@code σ = 100}, {@code ε = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The running mean {@code μ} of the clipped embedding norms.
     *
     * @return {@code μ}
     */
    public double normMean() {
        return normMean;
    }

    /**
     * The running standard deviation {@code σ} of the clipped embedding norms.
     *
     * @return {@code σ}
     */
    public double normStd() {
        return normStd;
    }

    /**
     * The margin logits from the cosine matrix and the embedding norms.
     *
     * @param cosine {@code [B, C]}
     * @param norms {@code [B]} or {@code [B, 1]}
     * @param labels {@code [B]} or {@code [B, 1]}
     * @return {@code z [B, C]}
     * @throws IllegalArgumentException as {@link #evaluate}
     */
    public NDArray logits(NDArray cosine, NDArray norms, NDArray labels) {
        return logits(new NDList(cosine, norms), labels);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException always: AdaFace also needs the embedding norms
     */
    @Override
    public NDArray logits(NDArray cosine, NDArray labels) {
        throw new IllegalArgumentException(
                "AdaFace needs the embedding norms: use logits(cosine, norms, labels)");
    }

    @Override
    protected void observe(MarginBatch batch) {
        NDArray n = safeNorms(batch);
        long count = batch.batchSize();
        if (count < 2) {
            throw new IllegalArgumentException(
                    "AdaFace needs a training batch of at least 2 embeddings to estimate the norm spread, got " + count);
        }
        NDArray mean = n.mean();
        NDArray std = ScalarOps.div(n.sub(mean).square().sum(), (double) (count - 1)).sqrt();
        normMean = momentum * scalar(mean) + (1 - momentum) * normMean;
        normStd = momentum * scalar(std) + (1 - momentum) * normStd;
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray c = batch.cosine().clip(-1 + ETA, 1 - ETA);
        NDArray targetCosine = batch.targetCosine().clip(-1 + ETA, 1 - ETA);
        NDArray ratio = ScalarOps.mul(ScalarOps.div(safeNorms(batch).sub(normMean), normStd + ETA), h).clip(-1.0, 1.0);
        NDArray angle = targetCosine.acos().sub(ScalarOps.mul(ratio, margin())).clip(ETA, Math.PI - ETA);
        NDArray target = angle.cos().sub(ScalarOps.mul(ratio, margin()).add(margin()));
        return ScalarOps.mul(batch.withTarget(c, target), scale());
    }

    /** The clipped norms {@code [B, 1]} without gradient. */
    private static NDArray safeNorms(MarginBatch batch) {
        NDList predictions = batch.predictions();
        long b = batch.batchSize();
        if (predictions.size() <= MarginHead.EMBEDDING_NORM) {
            throw new IllegalArgumentException("AdaFace needs the embedding norms [" + b
                    + "] at predictions index " + MarginHead.EMBEDDING_NORM + " (MarginHead's second output)");
        }
        NDArray norms = predictions.get(MarginHead.EMBEDDING_NORM);
        if (norms.size() != b || norms.getShape().dimension() > 2) {
            throw new IllegalArgumentException(
                    "embedding norms must be [" + b + "] or [" + b + ", 1], got shape " + norms.getShape());
        }
        return norms.stopGradient().toType(batch.cosine().getDataType(), false).reshape(b, 1).clip(0.001, 100.0);
    }

    private static double scalar(NDArray value) {
        return value.toType(DataType.FLOAT64, false).getDouble();
    }

    /** Builder of {@link AdaFaceLoss}. */
    public static final class Builder extends MarginBuilder<Builder> {
        private double h = 0.333;
        private double momentum = 0.01;
        private double normMean = 20;
        private double normStd = 100;

        private Builder() {
            super(Builder.class, "adaface", 64, 0.4, 1);
        }

        /**
         * Sets the concentration {@code h} of the standardised norm (default 0.333).
         *
         * @param h {@code h ∈ [0, 10]}
         * @return this builder
         */
        public Builder optH(double h) {
            this.h = h;
            return this;
        }

        /**
         * Sets the momentum {@code α} of the running norm statistics (default 0.01).
         *
         * @param momentum {@code α ∈ [0, 1]}
         * @return this builder
         */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets the starting running statistics, e.g. when resuming (default 20 and 100).
         *
         * @param mean {@code μ > 0}
         * @param std {@code σ >= 0}
         * @return this builder
         */
        public Builder optNormStatistics(double mean, double std) {
            this.normMean = mean;
            this.normStd = std;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is out of range
         */
        public AdaFaceLoss build() {
            validateCommon();
            requireInRange("h", h, 0, 10);
            requireInRange("momentum", momentum, 0, 1);
            requireInRange("normMean", normMean, Double.MIN_VALUE, Double.MAX_VALUE);
            requireInRange("normStd", normStd, 0, Double.MAX_VALUE);
            return new AdaFaceLoss(this);
        }
    }
}
