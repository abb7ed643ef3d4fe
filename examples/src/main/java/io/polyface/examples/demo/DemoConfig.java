package io.polyface.examples.demo;

import io.polyface.train.recipe.Recipe;
import io.polyface.train.recipe.RecipeJson;

import java.nio.file.Path;

/**
 * Settings of the end-to-end demo ({@link Demo}); immutable. {@link #defaults(Path)} gives the documented defaults
 * that finish in a few minutes on a 2-core CPU.
 *
 * @param data an image folder (one sub-folder per identity) or {@code null} to generate synthetic faces
 * @param out the output folder (report.json, report.html, roc.png, model.onnx, checkpoints)
 * @param budgetGflops the FLOPs budget in GFLOPs (LFR rule); 0.1 uses the shipped searched preset
 *     {@code polyface-search-0.1g}, other budgets run the search (prior objective, MobileFaceNet space)
 * @param arch a preset name or spec file that overrides the budget, or {@code null}
 * @param identities synthetic identities (without {@code data})
 * @param imagesPerIdentity synthetic images per identity
 * @param heldOutIdentities identities held out for evaluation (the last ones in sorted order)
 * @param steps training steps
 * @param batch training batch size
 * @param learningRate base learning rate (SGD, momentum 0.9, cosine decay with warm-up)
 * @param tracksPerIdentity degraded tracks per held-out identity for the aggregation comparison
 * @param framesPerTrack frames per track
 * @param seed the seed of every random choice
 * @param resume continue the training from the newest checkpoint in {@code out/train} (after an
 *     interruption; the same settings are required)
 * @param teacher an ONNX face-embedding model to distil into the architecture instead of training it from labels
 *     ({@code io.polyface.train.distill}), or {@code null}
 */
public record DemoConfig(Path data, Path out, double budgetGflops, String arch, int identities, int imagesPerIdentity,
                         int heldOutIdentities, int steps, int batch, double learningRate, int tracksPerIdentity,
                         int framesPerTrack, long seed, boolean resume, Path teacher) {

    /** Validates the settings. */
    public DemoConfig {
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (!(budgetGflops > 0)) {
            throw new IllegalArgumentException("--budget must be > 0 GFLOPs, got " + budgetGflops);
        }
        if (identities < 4 || imagesPerIdentity < 2) {
            throw new IllegalArgumentException("--identities must be >= 4 and --images-per-id >= 2");
        }
        if (heldOutIdentities < 2 || (data == null && heldOutIdentities >= identities - 1)) {
            throw new IllegalArgumentException("--holdout-ids must be >= 2 and leave at least 2 training identities, got "
                    + heldOutIdentities);
        }
        if (steps < 1 || batch < 2 || !(learningRate > 0)) {
            throw new IllegalArgumentException("--steps must be >= 1, --batch >= 2 and --lr > 0");
        }
        if (tracksPerIdentity < 2 || framesPerTrack < 3) {
            throw new IllegalArgumentException("--tracks-per-id must be >= 2 and --frames >= 3");
        }
    }

    /**
     * Settings without a teacher (trained from labels).
     *
     * @param data see the record
     * @param out see the record
     * @param budgetGflops see the record
     * @param arch see the record
     * @param identities see the record
     * @param imagesPerIdentity see the record
     * @param heldOutIdentities see the record
     * @param steps see the record
     * @param batch see the record
     * @param learningRate see the record
     * @param tracksPerIdentity see the record
     * @param framesPerTrack see the record
     * @param seed see the record
     * @param resume see the record
     */
    public DemoConfig(Path data, Path out, double budgetGflops, String arch, int identities, int imagesPerIdentity,
                      int heldOutIdentities, int steps, int batch, double learningRate, int tracksPerIdentity, int framesPerTrack,
                      long seed, boolean resume) {
        this(data, out, budgetGflops, arch, identities, imagesPerIdentity, heldOutIdentities, steps, batch, learningRate,
                tracksPerIdentity, framesPerTrack, seed, resume, null);
    }

    /**
     * Settings of a fresh run (no resume).
     *
     * @param data see the record
     * @param out see the record
     * @param budgetGflops see the record
     * @param arch see the record
     * @param identities see the record
     * @param imagesPerIdentity see the record
     * @param heldOutIdentities see the record
     * @param steps see the record
     * @param batch see the record
     * @param learningRate see the record
     * @param tracksPerIdentity see the record
     * @param framesPerTrack see the record
     * @param seed see the record
     */
    public DemoConfig(Path data, Path out, double budgetGflops, String arch, int identities, int imagesPerIdentity,
                      int heldOutIdentities, int steps, int batch, double learningRate, int tracksPerIdentity, int framesPerTrack,
                      long seed) {
        this(data, out, budgetGflops, arch, identities, imagesPerIdentity, heldOutIdentities, steps, batch, learningRate,
                tracksPerIdentity, framesPerTrack, seed, false);
    }

    /**
     * The defaults: 60 synthetic identities × 10 images, budget 0.1 GFLOPs; held-out identities, steps, batch, learning
     * rate and seed from the shipped {@code demo} recipe (12 held out, 400 steps of 32 images from 0.1, seed 7).
     *
     * @param out the output folder
     * @return the default settings
     */
    public static DemoConfig defaults(Path out) {
        Recipe demo = RecipeJson.shipped("demo");
        return new DemoConfig(null, out, 0.1, null, 60, 10, demo.data().heldOutIdentities(), Math.toIntExact(demo.run().steps()),
                demo.data().batchSize(), demo.optimizer().learningRate(), 2, 6, demo.run().seed());
    }
}
