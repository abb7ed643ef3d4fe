package io.polyface.cli.common;

import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.RocPlot;
import io.polyface.core.eval.VerificationResult;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Options of all-pairs verification shared by {@code polyface eval} and {@code polyface-spark eval}: the target FARs,
 * the tile edge of the matrix products and the ROC plot.
 */
public final class VerificationOptions {

    @Option(names = "--far", split = ",", paramLabel = "FAR", defaultValue = "1e-6,1e-5,1e-4,1e-3",
            description = "Target FARs, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Double> fars;

    @Option(names = "--tile", paramLabel = "N", defaultValue = "2048",
            description = "All pairs: tile edge of the matrix products (default: ${DEFAULT-VALUE}); polyface and polyface-spark "
                    + "give identical scores for the same edge.")
    int tile;

    @Option(names = "--roc", paramLabel = "PNG", description = "Also write the ROC curve (log FAR axis) to this PNG file.")
    Path roc;

    /** @return the target FARs, in the order given */
    public List<Double> fars() {
        return fars;
    }

    /** @return an all-pairs evaluator builder with the target FARs and the tile edge set (add further settings) */
    public AllPairsEvaluator.Builder evaluator() {
        return AllPairsEvaluator.builder().optTargetFars(fars).optTileSize(tile);
    }

    /** @return the ROC plot file, or null */
    public Path roc() {
        return roc;
    }

    /**
     * Writes the ROC plot when {@code --roc} was given (else does nothing).
     *
     * @param result the result to plot
     * @param title the plot's title
     * @throws IOException if the file cannot be written
     */
    public void writeRoc(VerificationResult result, String title) throws IOException {
        if (roc != null) {
            RocPlot.write(roc, result, title);
        }
    }
}
