package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.polyface.core.nn.ScalarOps;
import io.polyface.core.util.SelfTypedBuilder;
import io.polyface.losses.head.ClassLabels;
import io.polyface.losses.head.MarginHead;

/**
 * Base of the margin losses: softmax cross-entropy over margin-adjusted, scaled cosine logits.
 *
 * <p>Inputs ({@link #evaluate}): {@code labels = NDList(y [B] or [B, 1])}, integer class indices
 * in {@code [0, C)} (any numeric type); {@code predictions = NDList(cosine [B, C], ...)}, the output
 * of {@link MarginHead} (index {@link MarginHead#COSINE}; norm-aware losses also read the embedding
 * norms at {@link MarginHead#EMBEDDING_NORM}). Cosines are clipped to {@code [-1, 1]} first.
 *
 * <p>Output: the batch mean of {@code L_i = −Σ_j q_ij·log softmax(z_i)_j} with the label-smoothed
 * target {@code q = (1 − ε)·onehot(y) + ε/C} (../shared/spec/losses.md, "Label smoothing"; Szegedy
 * et al., "Rethinking the Inception Architecture", CVPR 2016, Sec. 7), a scalar. Each subclass
 * defines the logits {@code z [B, C]} ({@link #logits}), citing its paper.
 *
 * <p>Computation is vectorised over the batch; intermediates live in a sub-manager released before
 * returning, and the result belongs to the cosine matrix's manager. float32 and float64 inputs are
 * supported (float64 is used by the gradient checks).
 *
 * <p>Stateful subclasses (running statistics) update their state in {@link #evaluate} only while
 * gradients are being recorded (inside a DJL {@code GradientCollector}, i.e. a training step),
 * before computing the logits, as their reference code does; validation and {@link #logits} never
 * change it. Such subclasses are not thread-safe.
 */
public abstract class MarginLoss extends Loss {

    private final double scale;
    private final double labelSmoothing;

    /**
     * Creates the loss from the common settings of a builder.
     *
     * @param builder the validated builder
     */
    protected MarginLoss(BaseBuilder<?> builder) {
        super(builder.name);
        this.scale = builder.scale;
        this.labelSmoothing = builder.labelSmoothing;
    }

    /**
     * The scale {@code s} multiplying the (margin-adjusted) cosines.
     *
     * @return {@code s > 0}
     */
    public double scale() {
        return scale;
    }

    /**
     * The label-smoothing weight {@code ε}.
     *
     * @return {@code ε ∈ [0, 1)}
     */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * Computes the mean label-smoothed cross-entropy of the margin logits.
     *
     * @param labels {@code NDList(y)} with {@code y [B]} or {@code [B, 1]}
     * @param predictions {@code NDList(cosine [B, C], ...)} as produced by {@link MarginHead}
     * @return the scalar loss, in the manager of the cosine matrix
     * @throws IllegalArgumentException if the cosine matrix is not {@code [B, C]} floating point,
     *     the labels do not match it, or a label is not an integer in {@code [0, C)} (the message
     *     names the label and its index)
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return compute(predictions, labels, true);
    }

    /**
     * The margin logits {@code z [B, C]} of a batch, with the loss's current state (never updated
     * here).
     *
     * @param predictions {@code NDList(cosine [B, C], ...)} as produced by {@link MarginHead}
     * @param labels {@code y [B]} or {@code [B, 1]}
     * @return {@code z [B, C]}, in the manager of the cosine matrix
     * @throws IllegalArgumentException as {@link #evaluate}
     */
    public NDArray logits(NDList predictions, NDArray labels) {
        return compute(predictions, new NDList(labels), false);
    }

    /**
     * The margin logits {@code z [B, C]} of a cosine matrix alone (for losses that need nothing
     * else; AdaFace needs the embedding norms and rejects this form).
     *
     * @param cosine the cosine matrix {@code [B, C]}
     * @param labels {@code y [B]} or {@code [B, 1]}
     * @return {@code z [B, C]}, in the manager of {@code cosine}
     * @throws IllegalArgumentException as {@link #evaluate}
     */
    public NDArray logits(NDArray cosine, NDArray labels) {
        return logits(new NDList(cosine), labels);
    }

    /**
     * Computes the logits of a validated batch, vectorised over the batch.
     *
     * @param batch the batch
     * @return {@code z [B, C]}
     */
    protected abstract NDArray marginLogits(MarginBatch batch);

    /**
     * Updates running state from a training batch before its logits are computed; called by
     * {@link #evaluate} only while gradients are recorded. The default does nothing.
     *
     * @param batch the batch
     */
    protected void observe(MarginBatch batch) {}

    /**
     * The one place a batch is validated and computed: intermediates live in a sub-manager of the cosine matrix's
     * manager, only the result is attached to it.
     *
     * @param withLoss the loss (running state observed while gradients are recorded) rather than the bare logits
     */
    private NDArray compute(NDList predictions, NDList labels, boolean withLoss) {
        NDArray cosine = requireCosine(predictions);
        NDManager out = cosine.getManager();
        try (NDManager scope = out.newSubManager()) {
            predictions.tempAttach(scope);
            labels.tempAttach(scope);
            MarginBatch batch = batch(cosine, labels.head(), predictions);
            if (withLoss && GradientRecording.isActive(cosine)) {
                observe(batch);
            }
            NDArray logits = marginLogits(batch);
            NDArray result = withLoss ? crossEntropy(logits, batch) : logits;
            result.attach(out);
            return result;
        }
    }

    private NDArray crossEntropy(NDArray logits, MarginBatch batch) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray targetNll = logProbabilities.mul(batch.targetMask()).sum(new int[] {1}).neg();
        NDArray perSample = ScalarOps.mul(targetNll, 1.0 - labelSmoothing);
        if (labelSmoothing > 0) {
            NDArray uniformNll = ScalarOps.div(logProbabilities.sum(new int[] {1}).neg(), (double) batch.numClasses());
            perSample = perSample.add(ScalarOps.mul(uniformNll, labelSmoothing));
        }
        return perSample.mean();
    }

    private static MarginBatch batch(NDArray cosine, NDArray labels, NDList predictions) {
        Shape shape = cosine.getShape();
        NDArray validLabels = ClassLabels.validate(labels, shape.get(1), shape.get(0));
        return new MarginBatch(cosine, validLabels, predictions);
    }

    private static NDArray requireCosine(NDList predictions) {
        if (predictions == null || predictions.isEmpty()) {
            throw new IllegalArgumentException("predictions must hold the cosine matrix [B, C] at index 0");
        }
        NDArray cosine = predictions.get(MarginHead.COSINE);
        Shape shape = cosine.getShape();
        if (shape.dimension() != 2 || shape.get(0) < 1 || shape.get(1) < 2) {
            throw new IllegalArgumentException(
                    "the cosine matrix must be [B, C] with B >= 1 and C >= 2, got shape " + shape);
        }
        if (!cosine.getDataType().isFloating()) {
            throw new IllegalArgumentException(
                    "the cosine matrix must be floating point, got " + cosine.getDataType());
        }
        return cosine;
    }

    /**
     * Settings shared by every margin loss: scale {@code s}, label smoothing {@code ε}, name.
     *
     * @param <T> the concrete builder
     */
    public abstract static class BaseBuilder<T extends BaseBuilder<T>> extends SelfTypedBuilder<T> {
        String name;
        double scale;
        double labelSmoothing;

        /**
         * Creates a builder with a loss's default name and scale.
         *
         * @param selfType the concrete builder's class
         * @param name the default loss name (the {@link MarginLosses} name)
         * @param scale the default scale {@code s} (the paper's)
         */
        protected BaseBuilder(Class<T> selfType, String name, double scale) {
            super(selfType);
            this.name = name;
            this.scale = scale;
        }

        /**
         * Sets the scale {@code s} (default: the paper's value, see each loss).
         *
         * @param scale {@code s > 0}
         * @return this builder
         */
        public T optScale(double scale) {
            this.scale = scale;
            return self();
        }

        /**
         * Sets the label-smoothing weight {@code ε} (default 0; 0.1 is the common value).
         *
         * @param labelSmoothing {@code ε ∈ [0, 1)}
         * @return this builder
         */
        public T optLabelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return self();
        }

        /**
         * Sets the loss name used by DJL's evaluators and logs.
         *
         * @param name a non-blank name
         * @return this builder
         */
        public T optName(String name) {
            this.name = name;
            return self();
        }

        /**
         * Validates the common settings; subclasses call it from {@code build()}.
         *
         * @throws IllegalArgumentException if {@code s} is not finite and positive, {@code ε} is
         *     outside {@code [0, 1)} or the name is blank
         */
        protected void validateCommon() {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
            }
            if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        /**
         * Checks that a setting is a finite number in {@code [min, max]}.
         *
         * @param name the setting's name
         * @param value its value
         * @param min the smallest allowed value
         * @param max the largest allowed value
         * @throws IllegalArgumentException naming the setting, the value and the range
         */
        protected static void requireInRange(String name, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(
                        name + " must be in [" + min + ", " + max + "], got " + value);
            }
        }
    }
}
