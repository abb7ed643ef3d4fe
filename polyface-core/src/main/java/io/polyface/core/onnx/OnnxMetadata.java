package io.polyface.core.onnx;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a PolyFace ONNX file records about its model in {@code metadata_props} (ONNX Runtime:
 * {@code OrtSession.getMetadata().getCustomMetadata()}), so that a reader can preprocess images without knowing
 * the architecture: an aligned image of {@code inputHeight × inputWidth} pixels in {@code channelOrder}, each
 * value {@code (pixel − mean) / std} with pixels in 0..255, gives an embedding of {@code embeddingSize} floats.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #INPUT_SIZE}</td><td>{@code "112"} (square) or {@code "112x96"} (height x width)</td></tr>
 *   <tr><td>{@value #CHANNEL_ORDER}</td><td>{@code "RGB"} or {@code "BGR"}</td></tr>
 *   <tr><td>{@value #MEAN}, {@value #STD}</td><td>decimal numbers, e.g. {@code "127.5"}</td></tr>
 *   <tr><td>{@value #EMBEDDING_SIZE}</td><td>decimal integer, e.g. {@code "512"}</td></tr>
 *   <tr><td>{@value #ARCH}</td><td>the exported (inference) spec as {@link ArchSpecJson} text</td></tr>
 *   <tr><td>{@value #FLOPS}, {@value #FLOPS_CONVENTION}</td><td>FLOPs of one sample at the input size (a
 *       decimal integer) and the convention's id, {@code "lfr"} ({@link Convention#LFR})</td></tr>
 * </table>
 *
 * @param inputHeight input image height in pixels
 * @param inputWidth input image width in pixels
 * @param channelOrder {@code "RGB"} or {@code "BGR"}
 * @param mean pixel mean subtracted before the network
 * @param std pixel divisor applied after subtracting the mean
 * @param embeddingSize length of the output embedding
 * @param archJson the inference spec as JSON
 * @param flops FLOPs of one sample under {@code flopsConvention}
 * @param flopsConvention the id of the FLOPs convention ({@link Convention#id()})
 */
public record OnnxMetadata(int inputHeight, int inputWidth, String channelOrder, double mean, double std,
                           int embeddingSize, String archJson, long flops, String flopsConvention) {

    /** Key of the input size. */
    public static final String INPUT_SIZE = "polyface.input_size";
    /** Key of the channel order. */
    public static final String CHANNEL_ORDER = "polyface.channel_order";
    /** Key of the pixel mean. */
    public static final String MEAN = "polyface.mean";
    /** Key of the pixel divisor. */
    public static final String STD = "polyface.std";
    /** Key of the embedding size. */
    public static final String EMBEDDING_SIZE = "polyface.embedding_size";
    /** Key of the architecture spec JSON. */
    public static final String ARCH = "polyface.arch";
    /** Key of the FLOPs figure. */
    public static final String FLOPS = "polyface.flops";
    /** Key of the FLOPs convention. */
    public static final String FLOPS_CONVENTION = "polyface.flops_convention";

    /** Validates the values. */
    public OnnxMetadata {
        if (inputHeight <= 0 || inputWidth <= 0 || embeddingSize <= 0) {
            throw new IllegalArgumentException("ONNX metadata: input size and embedding size must be > 0, got input "
                    + inputHeight + "x" + inputWidth + ", embedding " + embeddingSize);
        }
        if (!"RGB".equals(channelOrder) && !"BGR".equals(channelOrder)) {
            throw new IllegalArgumentException("ONNX metadata: " + CHANNEL_ORDER + " must be RGB or BGR, got " + channelOrder);
        }
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("ONNX metadata: " + STD + " must be > 0 and " + MEAN + " finite, got mean="
                    + mean + " std=" + std);
        }
    }

    /**
     * The metadata of a network exported for inference.
     *
     * @param spec the spec the exported graph computes (its inference form, {@link ArchSpec#forInference()})
     * @return its metadata, FLOPs under {@link Convention#LFR} at the spec's input size
     * @throws IllegalArgumentException if the input is not an image {@code [C, H, W]}
     */
    public static OnnxMetadata of(ArchSpec spec) {
        if (!spec.input().isMap()) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' takes " + spec.input()
                    + "; ONNX export needs an image input [C, H, W]");
        }
        return new OnnxMetadata(spec.input().height(), spec.input().width(), spec.channelOrder(), spec.mean(), spec.std(),
                spec.embeddingSize(), ArchSpecJson.toJson(spec), FlopsCounter.count(spec).flops(Convention.LFR),
                Convention.LFR.id());
    }

    /** @return the entries in a fixed order, as written to {@code metadata_props} */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(INPUT_SIZE, inputHeight == inputWidth ? Integer.toString(inputHeight) : inputHeight + "x" + inputWidth);
        m.put(CHANNEL_ORDER, channelOrder);
        m.put(MEAN, Double.toString(mean));
        m.put(STD, Double.toString(std));
        m.put(EMBEDDING_SIZE, Integer.toString(embeddingSize));
        m.put(ARCH, archJson);
        m.put(FLOPS, Long.toString(flops));
        m.put(FLOPS_CONVENTION, flopsConvention);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Parses the metadata of a PolyFace export.
     *
     * @param props the model's custom metadata
     * @return the metadata
     * @throws IllegalArgumentException naming the key that is missing or malformed
     */
    public static OnnxMetadata fromMap(Map<String, String> props) {
        String size = require(props, INPUT_SIZE);
        int h;
        int w;
        try {
            int x = size.indexOf('x');
            h = Integer.parseInt(x < 0 ? size : size.substring(0, x));
            w = Integer.parseInt(x < 0 ? size : size.substring(x + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ONNX metadata " + INPUT_SIZE + " must be \"S\" or \"HxW\", got \"" + size + "\"", e);
        }
        return new OnnxMetadata(h, w, require(props, CHANNEL_ORDER), number(props, MEAN), number(props, STD),
                (int) integer(props, EMBEDDING_SIZE), require(props, ARCH), integer(props, FLOPS), require(props, FLOPS_CONVENTION));
    }

    private static String require(Map<String, String> props, String key) {
        String v = props.get(key);
        if (v == null) {
            throw new IllegalArgumentException("ONNX metadata has no '" + key + "' entry (not a PolyFace export?)");
        }
        return v;
    }

    private static double number(Map<String, String> props, String key) {
        String v = require(props, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ONNX metadata " + key + " must be a number, got \"" + v + "\"", e);
        }
    }

    private static long integer(Map<String, String> props, String key) {
        String v = require(props, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ONNX metadata " + key + " must be an integer, got \"" + v + "\"", e);
        }
    }
}
