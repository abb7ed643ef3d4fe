package io.polyface.cli;

import io.polyface.core.eval.ijb.IjbDataset;
import picocli.CommandLine.Option;

/**
 * The {@code --dataset ijbc|ijbb} option (default {@code ijbc}) of {@code polyface ijb} and {@code polyface
 * ijb-protocol}: whose file names (IJB-C's or IJB-B's meta files and galleries) the protocol uses; a picocli
 * {@code @Mixin}, so the name, label, default and help text are defined once.
 */
final class IjbDatasetOption {

    @Option(names = "--dataset", paramLabel = "ijbc|ijbb", defaultValue = "ijbc", description = "Whose file names (default: ${DEFAULT-VALUE}).")
    String dataset;

    /**
     * @return the dataset {@code --dataset} names
     * @throws IllegalArgumentException for a name other than {@code ijbc} or {@code ijbb}
     */
    IjbDataset value() {
        return IjbDataset.parse(dataset);
    }
}
