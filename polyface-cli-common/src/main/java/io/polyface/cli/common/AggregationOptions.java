package io.polyface.cli.common;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import picocli.CommandLine.Option;

/**
 * The aggregation method options shared by {@code polyface aggregate} and {@code polyface-spark aggregate}.
 */
public final class AggregationOptions {

    @Option(names = "--method", required = true, paramLabel = "mean|qan|qanpp|ijb", description = "Aggregation method.")
    String method;

    @Option(names = "--normalize", description = "L2-normalise each track feature.")
    boolean normalize;

    /**
     * @return the aggregator the options name
     * @throws IllegalArgumentException for an unknown method, listing the known ones
     */
    public Aggregator aggregator() {
        return AggregationMethod.parse(method).create(normalize);
    }
}
