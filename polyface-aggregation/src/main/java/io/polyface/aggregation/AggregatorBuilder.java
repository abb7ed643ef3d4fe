package io.polyface.aggregation;

import java.util.function.Function;

/**
 * The builder of the aggregators whose one option is the L2 normalisation of the result ({@link MeanPooling},
 * {@link Qan}, {@link QanPlusPlus}); each documents the option's default and meaning at its {@code builder()}.
 *
 * @param <A> the aggregator built
 */
public final class AggregatorBuilder<A extends Aggregator> {

    private final Function<Boolean, A> factory;
    private boolean normalize;

    /**
     * @param normalize the default of {@link #optNormalize}
     * @param factory makes the aggregator from the normalisation option
     */
    AggregatorBuilder(boolean normalize, Function<Boolean, A> factory) {
        this.normalize = normalize;
        this.factory = factory;
    }

    /**
     * Sets whether the result is L2-normalised.
     *
     * @param normalize true: the unit-length set feature; false: the aggregator's unnormalised result
     * @return this builder
     */
    public AggregatorBuilder<A> optNormalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    /**
     * Builds the aggregator.
     *
     * @return a new, immutable aggregator
     */
    public A build() {
        return factory.apply(normalize);
    }
}
