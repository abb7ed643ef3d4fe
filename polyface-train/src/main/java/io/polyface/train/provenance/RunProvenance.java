package io.polyface.train.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.core.util.Checks;
import io.polyface.train.checkpoint.CodeVersion;
import io.polyface.train.checkpoint.ProvenanceSource;
import io.polyface.train.recipe.Recipe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * How a set of weights was made (after Tribuo's typed provenance): the recipe, the seed, the training data by
 * content ({@link DataIdentity}), the code version, when the run started and when the weights were taken, and the
 * steps trained. Stored as JSON ({@link RunProvenanceJson}) in every checkpoint's {@code metadata.json} and in the
 * ONNX metadata of exported models; {@code polyface inspect} prints it.
 *
 * <pre>{@code
 * RunProvenance p = RunProvenance.start(recipe, dataFolder);   // hashes the data once
 * Trainer.builder()...optProvenance(p).build();                // the loop stamps steps and time into each checkpoint
 * }</pre>
 *
 * @param recipe the effective recipe (after command-line overrides)
 * @param seed the run's seed
 * @param data the training data's identity
 * @param codeVersion PolyFace's version ({@link CodeVersion#current()})
 * @param started when the run (this process) started
 * @param ended when the weights were taken: the end of the run for a final checkpoint or model; {@code null} before
 * @param steps the steps the weights were trained for
 */
public record RunProvenance(Recipe recipe, long seed, DataIdentity data, String codeVersion, Instant started, Instant ended,
                            long steps) implements ProvenanceSource {

    /** @throws IllegalArgumentException if a required part is missing or the steps are negative */
    public RunProvenance {
        if (recipe == null || data == null || codeVersion == null || started == null) {
            throw new IllegalArgumentException("run provenance needs the recipe, the data identity, the code version and the start time");
        }
        Checks.requireAtLeast("run provenance steps", steps, 0);
    }

    /**
     * The provenance of a run starting now: the data is hashed here, once.
     *
     * @param recipe the effective recipe
     * @param data the training data's folder or file
     * @return the provenance at step 0, not ended
     * @throws IOException if the data cannot be read
     */
    public static RunProvenance start(Recipe recipe, Path data) throws IOException {
        return new RunProvenance(recipe, recipe.run().seed(), DataIdentity.of(data), CodeVersion.current(), Instant.now(), null, 0);
    }

    /** {@inheritDoc} This provenance with {@code steps} and {@code ended = time}, as its JSON tree. */
    @Override
    public JsonNode at(long steps, Instant time) {
        return RunProvenanceJson.toTree(new RunProvenance(recipe, seed, data, codeVersion, started, time, steps));
    }
}
