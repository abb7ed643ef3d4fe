package io.polyface.losses.partialfc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.nn.ScalarOps;
import io.polyface.losses.head.ClassLabels;

/**
 * Partial FC's class sampling: all positive classes of the batch plus a uniformly random fraction
 * {@code r} of the other (negative) classes.
 *
 * <p>With {@code P} distinct labels in the batch, {@code C' = P + round(r·(C − P))} classes are
 * kept, in ascending order, so with {@code r = 1} every class is kept in its own position and the
 * loss equals the full loss. Source: X. An et al., "Partial FC: Training 10 Million Identities on
 * a Single Machine", ICCV Workshops 2021 (positive class centres plus randomly sampled negative
 * centres). InsightFace's {@code partial_fc_v2} keeps {@code max(P, r·C)} classes in
 * total; here {@code r} is the fraction of negatives, as the issue specifies.
 *
 * <p>Vectorised: random scores for all C classes (the engine's generator, so reproducible under
 * {@code Engine.getInstance().setRandomSeed}), positives lifted above every negative, top-{@code C'}
 * selection, sort; the local labels come from a cumulative sum over the kept-class mask. One scalar
 * ({@code P}) is read back per step.
 */
public final class ClassSampler {

    private final int numClasses;
    private final double sampleRate;

    private ClassSampler(Builder builder) {
        this.numClasses = builder.numClasses;
        this.sampleRate = builder.sampleRate;
    }

    /**
     * Returns a builder; {@code setNumClasses} is required, the sample rate defaults to 0.1.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of classes {@code C}.
     *
     * @return {@code C}
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The fraction {@code r} of negative classes kept.
     *
     * @return {@code r ∈ (0, 1]}
     */
    public double sampleRate() {
        return sampleRate;
    }

    /**
     * Draws the classes for one step.
     *
     * @param labels the batch labels {@code [B]} or {@code [B, 1]}, integers in {@code [0, C)}
     * @return the kept classes and the re-indexed labels, in the manager of {@code labels}
     * @throws IllegalArgumentException if a label is not an integer in {@code [0, C)} (naming it)
     */
    public ClassSample sample(NDArray labels) {
        NDArray valid = ClassLabels.validate(labels, numClasses);
        NDManager out = labels.getManager();
        try (NDManager scope = out.newSubManager()) {
            valid.attach(scope);
            NDArray positive = scope.zeros(new Shape(numClasses), DataType.FLOAT32)
                    .put(valid, scope.ones(new Shape(valid.size()), DataType.FLOAT32));
            long positives = positive.sum().toType(DataType.INT64, false).getLong();
            long kept = positives + Math.round(sampleRate * (numClasses - positives));
            NDArray scores = scope.randomUniform(0f, 1f, new Shape(numClasses)).add(ScalarOps.mul(positive, 2f));
            NDArray classes = scores.topK(Math.toIntExact(kept), 0, true, false).get(1)
                    .toType(DataType.INT64, false).sort();
            NDArray keptMask = scope.zeros(new Shape(numClasses), DataType.INT64)
                    .put(classes, scope.ones(new Shape(kept), DataType.INT64));
            NDArray localLabels = keptMask.cumSum(0).sub(1).get(valid);
            classes.attach(out);
            localLabels.attach(out);
            return new ClassSample(classes, localLabels);
        }
    }

    /** Builder of {@link ClassSampler}. */
    public static final class Builder {
        private int numClasses;
        private double sampleRate = 0.1;

        private Builder() {}

        /**
         * Sets the number of classes {@code C} (required).
         *
         * @param numClasses {@code C >= 2}
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the fraction {@code r} of negative classes kept per step (default 0.1; Partial FC
         * uses 0.1–0.3).
         *
         * @param sampleRate {@code r ∈ (0, 1]}
         * @return this builder
         */
        public Builder optSampleRate(double sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        /**
         * Builds the sampler.
         *
         * @return the sampler
         * @throws IllegalArgumentException if {@code C < 2} or {@code r} is outside {@code (0, 1]}
         */
        public ClassSampler build() {
            ClassLabels.requireNumClasses(numClasses);
            if (!(sampleRate > 0 && sampleRate <= 1)) {
                throw new IllegalArgumentException("sampleRate must be in (0, 1], got " + sampleRate);
            }
            return new ClassSampler(this);
        }
    }
}
