package io.polyface.cli;

import io.polyface.core.flops.Convention;
import picocli.CommandLine.Option;

/**
 * The {@code --convention lfr|macs|full} option (default {@code lfr}, the LFR-2019 rule) of the sub-commands that count
 * FLOPs ({@code polyface flops}: the convention of its {@code flops} figure; {@code search}: of the budget); a
 * picocli {@code @Mixin}, so the name, label, default and help text are defined once.
 */
final class ConventionOption {

    @Option(names = "--convention", paramLabel = "lfr|macs|full", defaultValue = "lfr",
            description = "FLOPs convention of the FLOPs figures and the budget (default: ${DEFAULT-VALUE}, the LFR-2019 rule).")
    String convention;

    /**
     * @return the convention {@code --convention} names
     * @throws IllegalArgumentException for a name other than {@code lfr}, {@code macs} or {@code full}
     */
    Convention value() {
        return Convention.parse(convention);
    }
}
