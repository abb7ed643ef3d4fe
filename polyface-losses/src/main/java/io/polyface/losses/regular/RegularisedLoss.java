package io.polyface.losses.regular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import io.polyface.core.nn.ScalarOps;

/**
 * A classification loss plus RegularFace's exclusive regularisation of the class centres:
 * {@code L = L_cls + λ·L_r(W)} (../shared/spec/losses.md, "RegularFace"; Zhao et al., CVPR 2019).
 *
 * <p>Works with any {@link Loss} whose class centres are a DJL {@link Parameter}, e.g. a margin
 * loss over {@code MarginHead}'s {@code centres} (also through Partial FC, where {@code L_r} is
 * still taken over all C centres). The centres are read from the parameter at each evaluation, so
 * the penalty's gradient reaches the same array the optimiser updates.
 */
public final class RegularisedLoss extends Loss {

    private final Loss loss;
    private final Parameter centres;
    private final double weight;
    private final RegularFace regularFace;

    private RegularisedLoss(Builder builder) {
        super(builder.loss.getName() + "+regularface");
        this.loss = builder.loss;
        this.centres = builder.centres;
        this.weight = builder.weight;
        this.regularFace = builder.regularFace;
    }

    /**
     * Returns a builder; {@code setLoss}, {@code setCentres} and {@code setWeight} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The weight {@code λ} of the regulariser.
     *
     * @return {@code λ}
     */
    public double weight() {
        return weight;
    }

    /**
     * The wrapped classification loss.
     *
     * @return the loss
     */
    public Loss classificationLoss() {
        return loss;
    }

    /**
     * Computes {@code L_cls(labels, predictions) + λ·L_r(W)}.
     *
     * @param labels as the wrapped loss expects
     * @param predictions as the wrapped loss expects
     * @return the scalar total, in the manager of the classification loss's result
     * @throws IllegalArgumentException from the wrapped loss
     * @throws IllegalStateException if the centre parameter is not initialised yet
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray classification = loss.evaluate(labels, predictions);
        if (!centres.isInitialized()) {
            throw new IllegalStateException("the centre parameter '" + centres.getName()
                    + "' is not initialised: initialise the head (or the trainer) first");
        }
        NDArray w = centres.getArray();
        NDArray penalty = regularFace.penalty(w, classification.getManager());
        return classification.add(ScalarOps.mul(penalty, weight));
    }

    /** Builder of {@link RegularisedLoss}. */
    public static final class Builder {
        private Loss loss;
        private Parameter centres;
        private double weight = Double.NaN;
        private RegularFace regularFace = RegularFace.builder().build();

        private Builder() {}

        /**
         * Sets the classification loss (required).
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder setLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Sets the class-centre parameter {@code W [C, d]} to regularise (required), e.g.
         * {@code MarginHead.getCentres()}.
         *
         * @param centres the parameter
         * @return this builder
         */
        public Builder setCentres(Parameter centres) {
            this.centres = centres;
            return this;
        }

        /**
         * Sets the weight {@code λ} (required; the paper tunes it per setting, no default).
         *
         * @param weight {@code λ >= 0}
         * @return this builder
         */
        public Builder setWeight(double weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Sets the regulariser (default: chunk size 4096).
         *
         * @param regularFace the regulariser
         * @return this builder
         */
        public Builder optRegularFace(RegularFace regularFace) {
            this.regularFace = regularFace;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a required setting is missing or {@code λ} is
         *     negative or not finite
         */
        public RegularisedLoss build() {
            if (loss == null) {
                throw new IllegalArgumentException("loss must be set");
            }
            if (centres == null) {
                throw new IllegalArgumentException("centres must be set (e.g. MarginHead.getCentres())");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight (lambda) must be set to a finite value >= 0, got " + weight);
            }
            if (regularFace == null) {
                throw new IllegalArgumentException("regularFace must not be null");
            }
            return new RegularisedLoss(this);
        }
    }
}
