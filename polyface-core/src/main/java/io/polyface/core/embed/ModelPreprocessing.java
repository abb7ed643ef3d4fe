package io.polyface.core.embed;

import io.polyface.core.io.FileDigests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for the preprocessing of an embedding model that is opened for embedding (the ONNX Runtime embedder,
 * the DJL criteria, the command line, and whatever else opens models): a wrong mean or channel order does not fail,
 * it silently ruins accuracy (fr_feature.onnx fed {@code (px − 0)/1} instead of {@code (px − 127)/128}: TAR@FAR=1e-2
 * 1.0 → 0.39 on 37 faces), so nothing is assumed.
 * <ol>
 *   <li>A model whose {@code polyface.*} metadata gives its preprocessing uses it; a statement that contradicts it is
 *       refused, naming each contradicted value.</li>
 *   <li>A model without such metadata that {@link KnownModels} recognises by its SHA-256 uses the known
 *       preprocessing, announced as a notice; a contradicting statement is refused the same way.</li>
 *   <li>Any other model needs the preprocessing stated: channel order, mean and std, and the input size unless the
 *       model fixes it. Its metadata can be stamped once instead ({@code polyface inspect M.onnx --set-preprocessing
 *       SIZE,ORDER,MEAN,STD --out M2.onnx}, {@link io.polyface.core.onnx.OnnxMetadataStamp}).</li>
 * </ol>
 */
public final class ModelPreprocessing {

    /** Where a model's preprocessing came from. */
    public enum Source {
        /** The model's {@code polyface.*} metadata. */
        METADATA,
        /** The table of {@link KnownModels}, by the file's SHA-256. */
        KNOWN_MODEL,
        /** The caller's statement. */
        STATED
    }

    /**
     * A resolved preprocessing.
     *
     * @param preprocessing the preprocessing to use
     * @param source where it came from
     * @param notice what the user should be told (a recognised model), or empty
     */
    public record Resolved(Preprocessing preprocessing, Source source, Optional<String> notice) {}

    private ModelPreprocessing() {}

    /**
     * Applies the rule.
     *
     * @param model the model file (named in messages; hashed only when it has no preprocessing metadata)
     * @param metadata the model's custom metadata ({@code metadata_props})
     * @param stated what the caller states ({@link PreprocessingStatement#NONE} for nothing)
     * @param fixedHeight the model's fixed input height, or −1 when dynamic
     * @param fixedWidth the model's fixed input width, or −1 when dynamic
     * @return the preprocessing, its source and any notice
     * @throws IllegalArgumentException if the statement contradicts the metadata or the known model, if a model
     *     without metadata that is not known has no (complete) statement, or if the metadata is malformed
     * @throws UncheckedIOException if the file cannot be hashed
     */
    public static Resolved resolve(Path model, Map<String, String> metadata, PreprocessingStatement stated, int fixedHeight,
                                   int fixedWidth) {
        Optional<Preprocessing> own = Preprocessing.fromMetadata(metadata, model.toString());
        if (own.isPresent()) {
            refuseContradictions(model, stated, own.get(), "the metadata");
            return new Resolved(own.get(), Source.METADATA, Optional.empty());
        }
        String sha256;
        try {
            sha256 = FileDigests.sha256(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model + " to recognise it: " + e.getMessage(), e);
        }
        Optional<KnownModels.KnownModel> known = KnownModels.bySha256(sha256);
        if (known.isPresent()) {
            KnownModels.KnownModel k = known.get();
            refuseContradictions(model, stated, k.preprocessing(), "the known preprocessing (" + k.name() + ", recognised by its SHA-256)");
            return new Resolved(k.preprocessing(), Source.KNOWN_MODEL, Optional.of(model.getFileName() + " carries no preprocessing"
                    + " metadata; recognised by its SHA-256 as " + k.name() + ": " + k.preprocessing().describe()));
        }
        List<String> missing = stated.missing(fixedHeight, fixedWidth);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(model + " carries no preprocessing metadata and is not a model PolyFace knows"
                    + " (SHA-256 " + sha256 + "), so its preprocessing must be stated; missing: " + String.join(", ", missing)
                    + " (or stamp it into the model once: polyface inspect " + model.getFileName()
                    + " --set-preprocessing SIZE,ORDER,MEAN,STD --out OTHER.onnx)");
        }
        return new Resolved(stated.complete(fixedHeight, fixedWidth), Source.STATED, Optional.empty());
    }

    private static void refuseContradictions(Path model, PreprocessingStatement stated, Preprocessing truth, String whose) {
        List<String> wrong = stated.contradictions(truth);
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("the stated preprocessing contradicts " + whose + " of " + model + " ("
                    + truth.describe() + "): " + String.join(", ", wrong) + "; state nothing (the model's own applies) or only"
                    + " what agrees");
        }
    }
}
