package io.polyface.core.search;

import io.polyface.core.util.OrderedMaps;

import java.util.Locale;
import java.util.Map;

/**
 * Float32 model size &lt; a bound, in bytes: 4 per trainable parameter and per BN running statistic
 * ({@link CandidateCost#modelBytes()}). The LFR-2019 light tracks require a model file under 20 MB; with
 * {@link #lightTrack()} the bound is 20·10⁶ bytes (the stricter reading of "MB"), so a model that passes is
 * also under 20 MiB.
 *
 * @param maxBytesExclusive the size must be strictly below this, &gt; 0
 */
public record ModelSizeBudget(long maxBytesExclusive) implements Constraint {

    /** Validates. */
    public ModelSizeBudget {
        if (maxBytesExclusive <= 0) {
            throw new IllegalArgumentException("model size bound must be > 0 bytes, got " + maxBytesExclusive);
        }
    }

    /** @return the light-track bound, size &lt; 20,000,000 bytes */
    public static ModelSizeBudget lightTrack() {
        return new ModelSizeBudget(20_000_000L);
    }

    /**
     * @param megabytes the bound in MB (10⁶ bytes)
     * @return the constraint size &lt; megabytes·10⁶ bytes
     * @throws IllegalArgumentException unless megabytes &gt; 0
     */
    public static ModelSizeBudget megabytes(double megabytes) {
        if (!(megabytes > 0) || !Double.isFinite(megabytes)) {
            throw new IllegalArgumentException("model size bound must be > 0 MB, got " + megabytes);
        }
        return new ModelSizeBudget(Math.round(megabytes * 1e6));
    }

    @Override
    public boolean admits(Candidate candidate) {
        return candidate.cost().modelBytes() < maxBytesExclusive;
    }

    @Override
    public String explain(Candidate candidate) {
        return String.format(Locale.ROOT, "model size %,d bytes >= %,d", candidate.cost().modelBytes(), maxBytesExclusive);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "float32 model size < %,d bytes", maxBytesExclusive);
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("type", "model_size", "max_bytes_exclusive", maxBytesExclusive);
    }
}
