package io.polyface.core.embed;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.Normalization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an embedding model expects of an aligned face: the input size and the pixel normalisation
 * (channel order, mean, std on the 0..255 scale; see {@link Normalization}).
 *
 * <p>PolyFace's own ONNX exports carry it as model metadata (part of {@code io.polyface.core.onnx.ModelMetadata})
 * under the keys {@link #KEY_INPUT_SIZE} ({@code "H,W"} — older exports wrote {@code "HxW"} — or one number for a
 * square input), {@link #KEY_CHANNEL_ORDER} ({@code "RGB"} or
 * {@code "BGR"}), {@link #KEY_MEAN} and {@link #KEY_STD} (one number for all planes or three
 * comma-separated numbers, one per plane in the model's channel order). Foreign models carry none of
 * these and need it given explicitly, e.g. {@code Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)}
 * for ../shared/models/fr_feature.onnx or {@code (127.5, 127.5)} for InsightFace's ArcFace exports.
 *
 * @param inputWidth model input width in pixels
 * @param inputHeight model input height in pixels
 * @param normalization channel order, mean and std
 */
public record Preprocessing(int inputWidth, int inputHeight, Normalization normalization) {

    /** Metadata key of the input size, {@code "H,W"} or {@code "S"}. */
    public static final String KEY_INPUT_SIZE = "polyface.input_size";
    /** Metadata key of the channel order, {@code "RGB"} or {@code "BGR"}. */
    public static final String KEY_CHANNEL_ORDER = "polyface.channel_order";
    /** Metadata key of the pixel mean(s). */
    public static final String KEY_MEAN = "polyface.mean";
    /** Metadata key of the pixel std(s). */
    public static final String KEY_STD = "polyface.std";

    private static final List<String> KEYS = List.of(KEY_INPUT_SIZE, KEY_CHANNEL_ORDER, KEY_MEAN, KEY_STD);

    /** @throws IllegalArgumentException if a size is not positive or the normalisation is null */
    public Preprocessing {
        if (inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("model input size " + inputWidth + "x" + inputHeight + ": must be >= 1x1");
        }
        if (normalization == null) {
            throw new IllegalArgumentException("normalization is null");
        }
    }

    /**
     * A square input with one mean and std for all planes.
     *
     * @param inputSize side in pixels
     * @param channelOrder plane order
     * @param mean pixel mean, 0..255 scale
     * @param std pixel std, &gt; 0
     * @return the preprocessing
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Preprocessing of(int inputSize, ChannelOrder channelOrder, float mean, float std) {
        return new Preprocessing(inputSize, inputSize, Normalization.of(channelOrder, mean, std));
    }

    /**
     * The preprocessing an architecture spec was trained with: the size of its input {@code [C, H, W]} and its
     * channel order, mean and std (the same mean and std for every plane).
     *
     * @param spec the architecture
     * @return its preprocessing
     * @throws IllegalArgumentException if the spec's input is not {@code [C, H, W]} or its channel order is unknown
     */
    public static Preprocessing of(ArchSpec spec) {
        TensorShape in = spec.input();
        if (in.rank() != 3) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' input " + in + " is not [C, H, W]");
        }
        return new Preprocessing(in.width(), in.height(),
                Normalization.of(ChannelOrder.parse(spec.channelOrder()), (float) spec.mean(), (float) spec.std()));
    }

    /**
     * Reads the {@code polyface.*} keys from ONNX model metadata.
     *
     * @param metadata the model's custom metadata
     * @param source the model's name, for messages
     * @return the preprocessing, or empty if none of the four keys is present
     * @throws IllegalArgumentException if some keys are present but not all, or a value cannot be parsed (naming key and value)
     */
    public static Optional<Preprocessing> fromMetadata(Map<String, String> metadata, String source) {
        List<String> present = new ArrayList<>();
        for (String k : KEYS) {
            if (metadata.containsKey(k)) {
                present.add(k);
            }
        }
        if (present.isEmpty()) {
            return Optional.empty();
        }
        if (present.size() < KEYS.size()) {
            List<String> missing = new ArrayList<>(KEYS);
            missing.removeAll(present);
            throw new IllegalArgumentException(source + ": metadata has " + present + " but lacks " + missing);
        }
        // "H,W" or "S"; exports before ModelMetadata wrote a non-square size as "HxW"
        float[] size = numbers(source, KEY_INPUT_SIZE, metadata.get(KEY_INPUT_SIZE).replace('x', ','));
        if (size.length > 2 || size[0] != Math.rint(size[0]) || size[size.length - 1] != Math.rint(size[size.length - 1])) {
            throw new IllegalArgumentException(source + ": metadata " + KEY_INPUT_SIZE + " = '" + metadata.get(KEY_INPUT_SIZE)
                    + "'; expected \"H,W\" or one integer");
        }
        int height = (int) size[0];
        int width = (int) size[size.length - 1];
        ChannelOrder order;
        try {
            order = ChannelOrder.parse(metadata.get(KEY_CHANNEL_ORDER));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": metadata " + KEY_CHANNEL_ORDER + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(new Preprocessing(width, height, new Normalization(order,
                    perPlane(source, KEY_MEAN, metadata.get(KEY_MEAN)), perPlane(source, KEY_STD, metadata.get(KEY_STD)))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": metadata preprocessing is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the compact form {@code SIZE,ORDER,MEAN,STD} (square input), e.g. {@code 112,RGB,127,128}.
     *
     * @param text the text
     * @return the preprocessing
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Preprocessing parse(String text) {
        String[] p = text.split(",");
        try {
            if (p.length != 4) {
                throw new IllegalArgumentException("expected 4 comma-separated fields");
            }
            return of(Integer.parseInt(p[0].strip()), ChannelOrder.parse(p[1].strip()), Float.parseFloat(p[2].strip()),
                    Float.parseFloat(p[3].strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage() + "; expected SIZE,ORDER,MEAN,STD such as 112,RGB,127.5,127.5", e);
        }
    }

    /**
     * @return the preprocessing in words, e.g. {@code "RGB, (px - 127)/128, 112x112"} (per-plane values in brackets)
     */
    public String describe() {
        return normalization.channelOrder() + ", (px - " + values(normalization.mean()) + ")/" + values(normalization.std()) + ", "
                + inputHeight + "x" + inputWidth;
    }

    /** One number when the three planes agree, else all three; integers without a decimal point. */
    static String values(float[] v) {
        if (v[0] == v[1] && v[1] == v[2]) {
            return number(v[0]);
        }
        return "[" + number(v[0]) + ", " + number(v[1]) + ", " + number(v[2]) + "]";
    }

    private static String number(float x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : Float.toString(x);
    }

    /**
     * The metadata entries that {@link #fromMetadata} reads back, for exporters: the size as one number for a
     * square input, else {@code "H,W"}; the mean and std as one number when the three planes agree, else three.
     *
     * @return an ordered map of the four {@code polyface.*} keys
     */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_INPUT_SIZE, inputHeight == inputWidth ? Integer.toString(inputHeight) : inputHeight + "," + inputWidth);
        m.put(KEY_CHANNEL_ORDER, normalization.channelOrder().name());
        m.put(KEY_MEAN, join(normalization.mean()));
        m.put(KEY_STD, join(normalization.std()));
        return m;
    }

    private static String join(float[] v) {
        if (v[0] == v[1] && v[1] == v[2]) {
            return Float.toString(v[0]);
        }
        return String.format(Locale.ROOT, "%s,%s,%s", Float.toString(v[0]), Float.toString(v[1]), Float.toString(v[2]));
    }

    private static float[] perPlane(String source, String key, String text) {
        float[] v = numbers(source, key, text);
        if (v.length == 1) {
            return new float[] {v[0], v[0], v[0]};
        }
        if (v.length != 3) {
            throw new IllegalArgumentException(source + ": metadata " + key + " = '" + text + "'; expected one or three numbers");
        }
        return v;
    }

    private static float[] numbers(String source, String key, String text) {
        String body = text == null ? "" : text.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        String[] parts = body.split(",");
        float[] out = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Float.parseFloat(parts[i].strip());
                if (!Float.isFinite(out[i])) {
                    throw new NumberFormatException("not finite");
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": metadata " + key + " = '" + text + "' is not a comma-separated list of numbers", e);
        }
        return out;
    }
}
