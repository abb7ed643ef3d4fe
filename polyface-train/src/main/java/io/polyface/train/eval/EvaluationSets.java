package io.polyface.train.eval;

import io.polyface.core.io.InsightFaceBin;
import io.polyface.core.io.VerificationBin;
import io.polyface.train.data.FaceDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks, before training starts, that the evaluation sets of a run can be evaluated at all: TAR@FAR
 * needs genuine and impostor pairs, so a set without either would only fail after the last step.
 */
public final class EvaluationSets {

    private EvaluationSets() {}

    /**
     * Reads an InsightFace verification {@code .bin} and checks that it has both kinds of pairs.
     *
     * @param bin the file
     * @return its content
     * @throws NoSuchFileException if there is no such file
     * @throws io.polyface.core.io.MalformedFileException if it is not a verification {@code .bin}
     * @throws IllegalArgumentException naming the file if it has no genuine or no impostor pair
     * @throws IOException if it cannot be read
     */
    public static VerificationBin requireBin(Path bin) throws IOException {
        if (!Files.isRegularFile(bin)) {
            throw new NoSuchFileException(bin.toString(), null, "no such file (expected an InsightFace verification .bin)");
        }
        VerificationBin b = InsightFaceBin.read(bin);
        int genuine = b.genuineCount();
        int impostor = b.pairCount() - genuine;
        if (genuine == 0 || impostor == 0) {
            throw new IllegalArgumentException(bin + ": " + genuine + " genuine and " + impostor
                    + " impostor pairs; a verification set needs both to measure TAR at a FAR");
        }
        return b;
    }

    /**
     * Checks that all-pairs verification of held-out identities has genuine pairs (impostor pairs need
     * two identities, which the split guarantees).
     *
     * @param heldOut the held-out images
     * @throws IllegalArgumentException if no identity has two images
     */
    public static void requireHeldOut(FaceDataset heldOut) {
        int[] counts = new int[heldOut.labels().size()];
        for (int i = 0; i < heldOut.size(); i++) {
            if (++counts[heldOut.label(i)] >= 2) {
                return;
            }
        }
        throw new IllegalArgumentException("held-out identities (" + heldOut.description() + "): no genuine pair, every identity has"
                + " a single image; hold out identities with two or more images");
    }
}
