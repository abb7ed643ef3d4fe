package io.polyface.cli.common;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.eval.TrackFeatures;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregation method and output options shared by {@code polyface aggregate} and {@code polyface-spark aggregate},
 * and the JSON keys both print.
 */
public final class AggregationOptions {

    @Option(names = "--method", required = true, paramLabel = "mean|qan|qanpp|ijb", description = "Aggregation method.")
    String method;

    @Option(names = "--normalize", description = "L2-normalise each track feature.")
    boolean normalize;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output LFR feature file (FILE.tracks and FILE.labels beside it).")
    Path out;

    /** @return the {@code --out} feature file ({@code FILE.tracks} and {@code FILE.labels} are written beside it) */
    public Path out() {
        return out;
    }

    /**
     * @return the aggregator the options name
     * @throws IllegalArgumentException for an unknown method, listing the known ones
     */
    public Aggregator aggregator() {
        return AggregationMethod.parse(method).create(normalize);
    }

    /**
     * The JSON keys both commands print: {@code method}, {@code normalize}, {@code frames}, {@code tracks},
     * {@code identities}, {@code dimension}, {@code out}, {@code tracks_file}, {@code labels_file}.
     *
     * @param aggregator the aggregator used
     * @param frames frame-feature rows aggregated
     * @param result the track features written to {@link #out()}
     * @return the fields in that order (add further ones to it)
     */
    public Map<String, Object> summary(Aggregator aggregator, int frames, TrackFeatures result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", aggregator.method().cliName());
        m.put("normalize", aggregator.normalize());
        m.put("frames", frames);
        m.put("tracks", result.features().rows());
        m.put("identities", result.labels().stream().distinct().count());
        m.put("dimension", result.features().cols());
        m.put("out", out.toString());
        m.put("tracks_file", TrackFeatures.sibling(out, TrackFeatures.TRACKS_SUFFIX).toString());
        m.put("labels_file", TrackFeatures.sibling(out, TrackFeatures.LABELS_SUFFIX).toString());
        return m;
    }
}
