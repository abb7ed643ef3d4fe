package io.polyface.core.search;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.BlockType;
import io.polyface.core.arch.preset.MobileFaceNet;
import io.polyface.core.arch.preset.PolyFace;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The network family a {@link SearchSpace} draws from, and how a point's settings become a spec through
 * the family's preset builder ({@code shared/spec/architectures.md} §1 and §2). Every setting must be given.
 */
public enum Family {

    /**
     * {@link PolyFace}: {@code depth_a}, {@code depth_b}, {@code depth_c} (blocks per stage), {@code resolution}
     * (stem size R), {@code block_a}, {@code block_b}, {@code block_c} (block type ids), {@code width}
     * (multiplier w, the spec's rounding rule) and {@code embedding}.
     */
    POLYFACE(List.of("depth_a", "depth_b", "depth_c", "resolution", "block_a", "block_b", "block_c", "width", "embedding"),
            Set.of("depth_a", "depth_b", "depth_c")),
    /**
     * {@link MobileFaceNet}: {@code blocks_1} … {@code blocks_4} (units per stage; stage 1 with one unit is a single
     * depthwise conv, so only stages 2–4 are exact repeats), {@code expansion}, {@code width} and {@code embedding}.
     */
    MOBILEFACENET(List.of("blocks_1", "blocks_2", "blocks_3", "blocks_4", "expansion", "width", "embedding"),
            Set.of("blocks_2", "blocks_3", "blocks_4"));

    private final List<String> settings;
    private final Set<String> repeats;

    Family(List<String> settings, Set<String> repeats) {
        this.settings = settings;
        this.repeats = repeats;
    }

    /** @return the JSON name ({@code polyface}, {@code mobilefacenet}) */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the settings a point must give, in canonical order */
    public List<String> settings() {
        return settings;
    }

    /**
     * @param setting a setting name
     * @return whether it counts identical units, so that FLOPs and parameters are exactly affine in it (may be a
     *     {@link Dimension.Kind#REPEAT} dimension)
     */
    public boolean isRepeat(String setting) {
        return repeats.contains(setting);
    }

    /**
     * Builds the spec of a point.
     *
     * @param name the spec's name
     * @param values one value per {@link #settings()} entry
     * @return the validated spec (the builder's checks and shape inference)
     * @throws IllegalArgumentException if a setting is missing or its value is rejected (for example a stem
     *     resolution that is not 32k+11 or 32k+12, or shapes that do not fit)
     */
    public ArchSpec build(String name, Map<String, Object> values) {
        for (String s : settings) {
            if (!values.containsKey(s)) {
                throw new IllegalArgumentException(id() + " point lacks the setting '" + s + "'");
            }
        }
        return switch (this) {
            case POLYFACE -> PolyFace.builder().optName(name)
                    .optDepth(integer(values, "depth_a"), integer(values, "depth_b"), integer(values, "depth_c"))
                    .optResolution(integer(values, "resolution"))
                    .optBlockTypes(block(values, "block_a"), block(values, "block_b"), block(values, "block_c"))
                    .optWidth(number(values, "width"))
                    .optEmbedding(integer(values, "embedding"))
                    .build();
            case MOBILEFACENET -> MobileFaceNet.builder().optName(name)
                    .optBlocks(integer(values, "blocks_1"), integer(values, "blocks_2"), integer(values, "blocks_3"),
                            integer(values, "blocks_4"))
                    .optExpansion(integer(values, "expansion"))
                    .optWidth(number(values, "width"))
                    .optEmbedding(integer(values, "embedding"))
                    .build();
        };
    }

    /**
     * The settings of a spec built by this family's builder with the settings a space can vary (for example a
     * preset), so that it can be located in a space ({@link SearchSpace#indexOf}).
     *
     * @param spec a spec
     * @return one value per {@link #settings()} entry
     * @throws IllegalArgumentException if the spec was not built by this family, or differs from what its settings
     *     rebuild to (other input size, keep probability, residual scale, dropout, …)
     */
    public Map<String, Object> pointOf(ArchSpec spec) {
        Map<String, Object> s = spec.settings();
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        try {
            switch (this) {
                case POLYFACE -> {
                    requirePreset(spec, "polyface");
                    List<?> depth = (List<?>) s.get("depth");
                    List<?> blocks = (List<?>) s.get("block_types");
                    p.put("depth_a", depth.get(0));
                    p.put("depth_b", depth.get(1));
                    p.put("depth_c", depth.get(2));
                    p.put("resolution", s.get("resolution"));
                    p.put("block_a", blocks.get(0));
                    p.put("block_b", blocks.get(1));
                    p.put("block_c", blocks.get(2));
                    p.put("width", s.get("width"));
                    p.put("embedding", s.get("embedding"));
                }
                case MOBILEFACENET -> {
                    requirePreset(spec, "mobilefacenet");
                    List<?> blocks = (List<?>) s.get("depth");
                    for (int i = 0; i < 4; i++) {
                        p.put("blocks_" + (i + 1), blocks.get(i));
                    }
                    p.put("expansion", s.get("expansion"));
                    p.put("width", s.get("width"));
                    p.put("embedding", s.get("embedding"));
                }
            }
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' does not record " + id() + " settings: " + s);
        }
        ArchSpec rebuilt = build(spec.name(), p);
        if (!rebuilt.root().equals(spec.root()) || !rebuilt.input().equals(spec.input())) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' is not what its " + id()
                    + " settings " + p + " build (another input size, keep probability, residual scale or dropout)");
        }
        return p;
    }

    private void requirePreset(ArchSpec spec, String preset) {
        if (!preset.equals(spec.settings().get("preset"))) {
            throw new IllegalArgumentException("architecture '" + spec.name() + "' is not a " + id() + " network (settings: "
                    + spec.settings() + ")");
        }
    }

    private static double number(Map<String, Object> values, String key) {
        if (!(values.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, got " + values.get(key));
        }
        return n.doubleValue();
    }

    private static int integer(Map<String, Object> values, String key) {
        double v = number(values, key);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, got " + values.get(key));
        }
        return (int) v;
    }

    private static BlockType block(Map<String, Object> values, String key) {
        return BlockType.parse(String.valueOf(values.get(key)));
    }
}
