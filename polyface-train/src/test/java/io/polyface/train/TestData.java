package io.polyface.train;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;
import io.polyface.devtree.SharedResources;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.data.ImageFolderDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared test inputs: the ORL faces from ../shared and a tiny network that trains in milliseconds per step. */
public final class TestData {

    private TestData() {}

    /** @return ../shared/data/orl (fails clearly when missing) */
    public static Path orlFolder() {
        return SharedResources.resolve("data/orl");
    }

    /**
     * @return all of ORL: 40 identities s1..s40 × 10 images
     * @throws IOException if it cannot be listed
     */
    public static FaceDataset orl() throws IOException {
        return ImageFolderDataset.open(orlFolder());
    }

    /**
     * @param identities how many of the first identities (s1, s2, …) to keep
     * @return those identities' images, classes 0..identities−1
     * @throws IOException if ORL cannot be listed
     */
    public static FaceDataset orlFirst(int identities) throws IOException {
        FaceDataset all = orl();
        return IdentitySplit.holdOutLast(all, all.labels().size() - identities).train();
    }

    /**
     * Copies the first {@code images} images of ORL s1..s{ids} into {@code dir/sN/} (a small image folder of real faces
     * a command can be pointed at).
     *
     * @param dir the folder to fill
     * @param ids identities s1..s{ids}
     * @param images images 1..{images} of each
     * @return {@code dir}
     * @throws IOException if a file cannot be copied
     */
    public static Path orlSubset(Path dir, int ids, int images) throws IOException {
        for (int s = 1; s <= ids; s++) {
            Files.createDirectories(dir.resolve("s" + s));
            for (int i = 1; i <= images; i++) {
                Files.copy(orlFolder().resolve("s" + s).resolve(i + ".pgm"), dir.resolve("s" + s).resolve(i + ".pgm"));
            }
        }
        return dir;
    }

    /**
     * MobileFaceNet at input 32, width 0.25, one block per stage, 16-d embedding: the same layer types
     * as the presets (conv, BN, PReLU, depthwise, residual, GDC, linear, BN1d) at a size that trains in
     * milliseconds.
     *
     * @return the spec
     */
    public static ArchSpec tinySpec() {
        return Presets.get("mobilefacenet-tiny", new ArchOverrides(32, null, 0.25, List.of(1, 1, 1, 1), 16, null, null, null));
    }

    /**
     * PolyFace at input 32, stem resolution 75, width 0.125, one block per stage, 16-d embedding: raw BGR
     * input, stochastic depth (keep 0.8) and dropout 0.4 before the embedding, as the paper's networks.
     *
     * @return the spec
     */
    public static ArchSpec tinyPolyFaceSpec() {
        return Presets.get("polyface", new ArchOverrides(32, 75, 0.125, List.of(1, 1, 1), 16, 0.8, 0.3, null));
    }
}
