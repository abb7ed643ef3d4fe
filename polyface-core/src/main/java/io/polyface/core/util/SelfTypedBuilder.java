package io.polyface.core.util;

/**
 * Base of the project's inheritable DJL-style builders: setters declared once in a base builder return the
 * concrete builder, so that calls chain ({@code ArcFaceLoss.builder().optScale(32).optEasyMargin(true)}). The
 * concrete builder passes its class once (AssertJ's {@code selfType} idiom) instead of overriding a
 * {@code self()} method.
 *
 * @param <B> the concrete builder
 */
public abstract class SelfTypedBuilder<B extends SelfTypedBuilder<B>> {

    private final B self;

    /**
     * @param selfType the concrete builder's class
     * @throws ClassCastException if this builder is not a {@code selfType}
     */
    protected SelfTypedBuilder(Class<B> selfType) {
        this.self = selfType.cast(this);
    }

    /**
     * Returns this builder typed as the concrete builder.
     *
     * @return this
     */
    protected final B self() {
        return self;
    }
}
