package io.polyface.losses.margin;

/**
 * Base of the losses with one margin {@code m}: the angular ones on the target angle ({@link ArcFaceLoss},
 * {@link ArcNegFaceLoss}, {@link CurricularFaceLoss}: radians, {@code m ∈ [0, π/2]}, default 0.5), the additive
 * cosine margin of {@link CosFaceLoss} ({@code m ∈ [0, 2]}, default 0.35) and AdaFace's quality-adaptive one
 * ({@link AdaFaceLoss}: {@code m ∈ [0, 1]}, default 0.4). Each default is the paper's published setting.
 */
public abstract class SingleMarginLoss extends MarginLoss {

    private final double margin;

    /**
     * Creates the loss from the settings of a builder.
     *
     * @param builder the validated builder
     */
    protected SingleMarginLoss(MarginBuilder<?> builder) {
        super(builder);
        this.margin = builder.margin;
    }

    /**
     * The margin {@code m} (radians for the angular margins).
     *
     * @return {@code m}
     */
    public double margin() {
        return margin;
    }

    /**
     * The settings of a margin loss plus its margin {@code m}.
     *
     * @param <T> the concrete builder
     */
    public abstract static class MarginBuilder<T extends MarginBuilder<T>> extends BaseBuilder<T> {
        double margin;
        private final double maxMargin;

        /**
         * Creates a builder with a loss's defaults.
         *
         * @param selfType the concrete builder's class
         * @param name the default loss name (the {@link MarginLosses} name)
         * @param scale the default scale {@code s} (the paper's)
         * @param margin the default margin {@code m} (the paper's)
         * @param maxMargin the largest margin the loss accepts
         */
        protected MarginBuilder(Class<T> selfType, String name, double scale, double margin, double maxMargin) {
            super(selfType, name, scale);
            this.margin = margin;
            this.maxMargin = maxMargin;
        }

        /**
         * Sets the margin {@code m} (default and range: the loss's, see its class documentation; radians for
         * the angular margins).
         *
         * @param margin {@code m ∈ [0, max]}
         * @return this builder
         */
        public T optMargin(double margin) {
            this.margin = margin;
            return self();
        }

        /**
         * Validates the common settings and the margin.
         *
         * @throws IllegalArgumentException as {@link BaseBuilder#validateCommon}, or if {@code m} is outside the
         *     loss's range (naming both)
         */
        @Override
        protected void validateCommon() {
            super.validateCommon();
            requireInRange("margin", margin, 0, maxMargin);
        }
    }
}
