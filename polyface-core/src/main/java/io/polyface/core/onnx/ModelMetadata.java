package io.polyface.core.onnx;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one typed record of what a PolyFace model says about itself — its preprocessing, architecture, FLOPs with
 * their convention and embedding size — as written by {@link OnnxExporter} into {@code metadata_props} (ONNX Runtime:
 * {@code OrtSession.getMetadata().getCustomMetadata()}) and read back by {@link #fromMap}, {@link OnnxImporter} and
 * {@link OnnxModelDescription}: an aligned image of the preprocessing's size, each value {@code (pixel − mean) / std}
 * with pixels in 0..255 in its channel order, gives an embedding of {@code embeddingSize} floats.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@value Preprocessing#KEY_INPUT_SIZE}, {@value Preprocessing#KEY_CHANNEL_ORDER},
 *       {@value Preprocessing#KEY_MEAN}, {@value Preprocessing#KEY_STD}</td><td>the preprocessing, written and read
 *       by {@link Preprocessing#toMetadata()} / {@link Preprocessing#fromMetadata}</td></tr>
 *   <tr><td>{@value #EMBEDDING_SIZE}</td><td>decimal integer, e.g. {@code "512"}</td></tr>
 *   <tr><td>{@value #ARCH}</td><td>the exported (inference) spec as {@link ArchSpecJson} text</td></tr>
 *   <tr><td>{@value #FLOPS}, {@value #FLOPS_CONVENTION}</td><td>FLOPs of one sample at the input size (a
 *       decimal integer) and the convention's id, {@code "lfr"} ({@link Convention#LFR}) for PolyFace's exports</td></tr>
 * </table>
 * The keys are those of every earlier PolyFace export, so older models read the same.
 *
 * @param preprocessing input size, channel order, mean and std
 * @param embeddingSize length of the output embedding, {@code > 0}
 * @param architecture the inference spec the graph computes
 * @param flops FLOPs of one sample under {@code flopsConvention}
 * @param flopsConvention the convention of {@code flops}
 */
public record ModelMetadata(Preprocessing preprocessing, int embeddingSize, ArchSpec architecture, long flops,
                            Convention flopsConvention) {

    /** Key of the embedding size. */
    public static final String EMBEDDING_SIZE = "polyface.embedding_size";
    /** Key of the architecture spec JSON. */
    public static final String ARCH = "polyface.arch";
    /** Key of the FLOPs figure. */
    public static final String FLOPS = "polyface.flops";
    /** Key of the FLOPs convention. */
    public static final String FLOPS_CONVENTION = "polyface.flops_convention";

    /** @throws IllegalArgumentException if a part is missing or the embedding size or FLOPs are not positive */
    public ModelMetadata {
        if (preprocessing == null || architecture == null || flopsConvention == null) {
            throw new IllegalArgumentException("model metadata needs the preprocessing, the architecture and the FLOPs convention");
        }
        if (embeddingSize <= 0 || flops < 0) {
            throw new IllegalArgumentException("model metadata: embedding size must be > 0 and FLOPs >= 0, got " + embeddingSize
                    + " and " + flops);
        }
    }

    /**
     * The metadata of a network exported for inference.
     *
     * @param spec the spec the exported graph computes (its inference form, {@link ArchSpec#forInference()})
     * @return its metadata, FLOPs under {@link Convention#LFR} at the spec's input size
     * @throws IllegalArgumentException if the input is not an image {@code [C, H, W]}
     */
    public static ModelMetadata of(ArchSpec spec) {
        if (!spec.input().isMap()) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' takes " + spec.input()
                    + "; ONNX export needs an image input [C, H, W]");
        }
        return new ModelMetadata(Preprocessing.of(spec), spec.embeddingSize(), spec,
                FlopsCounter.count(spec).flops(Convention.LFR), Convention.LFR);
    }

    /** @return the entries in a fixed order, as written to {@code metadata_props} */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>(preprocessing.toMetadata());
        m.put(EMBEDDING_SIZE, Integer.toString(embeddingSize));
        m.put(ARCH, ArchSpecJson.toJson(architecture));
        m.put(FLOPS, Long.toString(flops));
        m.put(FLOPS_CONVENTION, flopsConvention.id());
        return Collections.unmodifiableMap(m);
    }

    /**
     * Parses the metadata of a PolyFace export (any version: the keys have not changed).
     *
     * @param props the model's custom metadata
     * @param source the model's name, for messages
     * @return the metadata
     * @throws IllegalArgumentException naming the model and the key that is missing or malformed
     */
    public static ModelMetadata fromMap(Map<String, String> props, String source) {
        Preprocessing p = Preprocessing.fromMetadata(props, source).orElseThrow(() -> new IllegalArgumentException(source
                + ": ONNX metadata has no preprocessing (" + Preprocessing.KEY_INPUT_SIZE + " ...; not a PolyFace export?)"));
        ArchSpec spec;
        try {
            spec = ArchSpecJson.fromJson(require(props, ARCH, source));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": ONNX metadata " + ARCH + " is not a readable spec: " + e.getMessage(), e);
        }
        Convention convention;
        try {
            convention = Convention.parse(require(props, FLOPS_CONVENTION, source));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": ONNX metadata " + FLOPS_CONVENTION + ": " + e.getMessage(), e);
        }
        return new ModelMetadata(p, (int) integer(props, EMBEDDING_SIZE, source), spec, integer(props, FLOPS, source), convention);
    }

    private static String require(Map<String, String> props, String key, String source) {
        String v = props.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": ONNX metadata has no '" + key + "' entry (not a PolyFace export?)");
        }
        return v;
    }

    private static long integer(Map<String, String> props, String key, String source) {
        String v = require(props, key, source);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": ONNX metadata " + key + " must be an integer, got \"" + v + "\"", e);
        }
    }
}
