package io.polyface.aggregation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The set-aggregation methods, by the names used on the command line ({@code --method}).
 */
public enum AggregationMethod {

    /** {@link MeanPooling}: the LFR video baseline. */
    MEAN("mean"),
    /** {@link Qan}: sigmoid quality scores, L1-normalised weights (Liu et al., CVPR 2017). */
    QAN("qan"),
    /** {@link QanPlusPlus}: min–max rescaled quality scores (Liu et al., ICCVW 2019). */
    QANPP("qanpp"),
    /** {@link IjbTemplate}: mean per media, sum, L2-normalise (the IJB-B/C template rule). */
    IJB("ijb");

    private final String cliName;

    AggregationMethod(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The command-line name.
     *
     * @return {@code mean}, {@code qan}, {@code qanpp} or {@code ijb}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Builds this method's aggregator with the given normalisation option and otherwise default
     * settings.
     *
     * @param normalize whether the result is L2-normalised
     * @return a new aggregator
     */
    public Aggregator create(boolean normalize) {
        return switch (this) {
            case MEAN -> MeanPooling.builder().optNormalize(normalize).build();
            case QAN -> Qan.builder().optNormalize(normalize).build();
            case QANPP -> QanPlusPlus.builder().optNormalize(normalize).build();
            case IJB -> IjbTemplate.builder().optNormalize(normalize).build();
        };
    }

    /**
     * Parses a command-line name, ignoring case.
     *
     * @param name {@code mean}, {@code qan}, {@code qanpp} or {@code ijb}
     * @return the method
     * @throws IllegalArgumentException if {@code name} is null or not one of those, listing them
     */
    public static AggregationMethod parse(String name) {
        if (name != null) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            for (AggregationMethod m : values()) {
                if (m.cliName.equals(key)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown aggregation method '" + name + "'; expected one of "
                + Arrays.stream(values()).map(AggregationMethod::cliName).collect(Collectors.joining(", ")));
    }
}
