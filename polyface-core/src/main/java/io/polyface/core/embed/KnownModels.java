package io.polyface.core.embed;

import io.polyface.core.image.ChannelOrder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Foreign face-embedding models PolyFace recognises by the SHA-256 of their file, with the preprocessing their
 * documentation gives — used when a model carries no {@code polyface.*} preprocessing metadata
 * ({@link ModelPreprocessing}). A small table, shipped with the code.
 */
public final class KnownModels {

    /**
     * One known model.
     *
     * @param sha256 the file's SHA-256, lower-case hexadecimal
     * @param name the file's usual name
     * @param description what it is and where its preprocessing is documented
     * @param preprocessing the preprocessing it needs
     */
    public record KnownModel(String sha256, String name, String description, Preprocessing preprocessing) {}

    private static final List<KnownModel> MODELS = List.of(
            new KnownModel("87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581", "fr_feature.onnx",
                    "512-d ArcFace-style embedding network (../shared/models, README: 5-point aligned 112x112 RGB, (px - 127)/128)",
                    Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)));

    private KnownModels() {}

    /** @return every known model */
    public static List<KnownModel> all() {
        return MODELS;
    }

    /**
     * @param sha256 a file's SHA-256 (hexadecimal, either case)
     * @return the known model with that digest, if any
     */
    public static Optional<KnownModel> bySha256(String sha256) {
        String key = sha256.toLowerCase(Locale.ROOT);
        return MODELS.stream().filter(m -> m.sha256().equals(key)).findFirst();
    }
}
