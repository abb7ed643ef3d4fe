package io.polyface.cli.common;

import picocli.CommandLine.Option;

/**
 * The {@code --seed S} option (default 0) of the sub-commands whose random draws are seeded ({@code polyface train},
 * {@code search}, {@code synth}, {@code ijb-protocol}); a picocli {@code @Mixin}, so the name, label and default are defined once.
 */
public final class SeedOption {

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    /** @return the seed of the run's random draws */
    public long value() {
        return seed;
    }
}
