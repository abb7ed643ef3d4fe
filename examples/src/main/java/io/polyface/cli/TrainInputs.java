package io.polyface.cli;

import io.polyface.core.io.OutputFolder;
import io.polyface.train.eval.EvaluationSets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks {@code polyface train} makes before it opens the data and takes a step, so that an input
 * that would only fail after training (an evaluation set without impostor pairs, an output folder that
 * cannot be written) fails at once, in one line naming the option.
 */
final class TrainInputs {

    private TrainInputs() {}

    /**
     * @param out {@code --out}: created if missing, must be a writable folder
     * @param evalBins {@code --eval-bin}: each must be a verification {@code .bin} with genuine and impostor pairs
     * @param initFrom {@code --init-from}, or null: must exist (a checkpoint folder or an ONNX model)
     * @throws IllegalArgumentException naming the option, the file and what is wrong
     * @throws IOException naming the option, if a file cannot be read
     */
    static void check(Path out, List<Path> evalBins, Path initFrom) throws IOException {
        named("--out", () -> OutputFolder.require(out));
        for (Path bin : evalBins) {
            named("--eval-bin", () -> EvaluationSets.requireBin(bin));
        }
        if (initFrom != null && !Files.exists(initFrom)) {
            throw new IllegalArgumentException("--init-from " + initFrom + ": no such file or folder (expected a checkpoint folder or an "
                    + ".onnx model)");
        }
    }

    private interface Check {
        Object run() throws IOException;
    }

    private static void named(String option, Check check) throws IOException {
        try {
            check.run();
        } catch (IOException | IllegalArgumentException e) {
            String message = e instanceof java.nio.file.NoSuchFileException nf && nf.getReason() == null
                    ? nf.getFile() + ": no such file" : e.getMessage();
            throw new IllegalArgumentException(option + " " + message, e);
        }
    }
}
