package io.polyface.core.search;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.search.Dimension.Kind;
import io.polyface.core.search.Dimension.Role;
import io.polyface.core.io.JsonCodec;
import io.polyface.core.util.OrderedMaps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The named search spaces, and JSON reading and writing of any space ({@link #JSON}).
 *
 * <table>
 *   <caption>Named spaces</caption>
 *   <tr><th>name</th><th>dimensions</th><th>points</th></tr>
 *   <tr><td>polyface</td><td>blocks per stage 1..40 each; R ∈ {75, 76, 107, 108, …, 299, 300, 331} (32k+11 or
 *       32k+12, k ≥ 2, up to 331); block type per stage ∈ {first-order, poly-2, mpoly-2, 2-way};
 *       width ∈ {0.125, 0.25, …, 1, 1.125, 1.25, 1.5}; embedding ∈ {128, 256, 512}</td><td>≈ 2.3·10⁹</td></tr>
 *   <tr><td>polyface-paper</td><td>the same with width 1, first-order blocks and embedding 256 only (where the
 *       paper's 10/20/10, 20/30/20 and 23/38/23 at R 235 live)</td><td>1,088,000</td></tr>
 *   <tr><td>mobilefacenet</td><td>units per stage 1..4, 1..12, 1..24, 1..8; expansion ∈ {1, 2, 3, 4, 6};
 *       width ∈ {0.25, …, 2}; embedding ∈ {128, 256, 512}</td><td>1,382,400</td></tr>
 * </table>
 *
 * <p>A name may fix settings of a named space: {@code mobilefacenet[embedding=128]} is that space with the
 * embedding size held at 128 ({@link SearchSpace#fix}).
 *
 * <p>References (the "B0" the compound-scaling prior scales from): PolyFace at PolyNet's default depth
 * 10/20/10, R 235, width 1 (the {@code polynet-depth} preset); MobileFaceNet-y1 (units 1/4/6/2, expansion 2, width 1).
 */
public final class SearchSpaces {

    /**
     * The JSON form of any space (strict: unknown fields and missing primitives are errors; a parsed space is
     * validated by {@link SearchSpace}'s constructor): {@code JSON.toPrettyJson(space)}, {@code JSON.fromJson(text)},
     * {@code JSON.read(file)}, {@code JSON.write(space, file)} (atomic).
     */
    public static final JsonCodec<SearchSpace> JSON = new JsonCodec<>(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES), SearchSpace.class, "search space");

    /** Valid PolyFace stem sizes up to 331 (32k+11 or 32k+12, k ≥ 2). */
    private static final List<Object> RESOLUTIONS;
    private static final List<Object> BLOCK_TYPES = List.of("first-order", "poly-2", "mpoly-2", "2-way");

    static {
        List<Object> r = new ArrayList<>();
        for (int k = 2; 32 * k + 11 <= 331; k++) {
            r.add(32 * k + 11);
            if (32 * k + 12 <= 331) {
                r.add(32 * k + 12);
            }
        }
        RESOLUTIONS = List.copyOf(r);
    }

    private SearchSpaces() {}

    /** @return the names of the built-in spaces */
    public static List<String> names() {
        return List.of("polyface", "polyface-paper", "mobilefacenet");
    }

    /**
     * @param nameOrFile a built-in name ({@link #names()}) or a path to a space JSON file
     * @return the space
     * @throws IllegalArgumentException for an unknown name or an invalid file, naming it
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static SearchSpace get(String nameOrFile) {
        int bracket = nameOrFile.indexOf('[');
        if (bracket > 0 && nameOrFile.endsWith("]") && !nameOrFile.endsWith(".json")) {
            SearchSpace space = get(nameOrFile.substring(0, bracket));
            for (String fix : nameOrFile.substring(bracket + 1, nameOrFile.length() - 1).split(",")) {
                String[] kv = fix.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    throw new IllegalArgumentException("search space '" + nameOrFile + "': expected setting=value inside [...], got '" + fix + "'");
                }
                space = space.fix(kv[0].strip(), parseValue(kv[1].strip()));
            }
            return space;
        }
        switch (nameOrFile) {
            case "polyface":
                return polyface();
            case "polyface-paper":
                return polyfacePaper();
            case "mobilefacenet":
                return mobileFaceNet();
            default:
                break;
        }
        if (nameOrFile.endsWith(".json") || nameOrFile.contains("/") || nameOrFile.contains("\\")) {
            Path file = Path.of(nameOrFile);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--space " + nameOrFile + ": no such search space file");
            }
            try {
                return JSON.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("unknown search space '" + nameOrFile + "'; known: " + String.join(", ", names())
                + " (or a space file ending in .json)");
    }

    /**
     * @param text a setting's value as written in a space name or on the command line
     * @return an Integer, a Double or the text itself
     */
    public static Object parseValue(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException notInt) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }

    /** @return the {@code polyface} space: depth, resolution, block type per stage, width and embedding */
    public static SearchSpace polyface() {
        return polyfaceSpace("polyface", "PolyFace: blocks per stage, stem resolution, block type per stage, width, embedding",
                BLOCK_TYPES, List.of(0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0, 1.125, 1.25, 1.5), List.of(128, 256, 512));
    }

    /** @return the {@code polyface-paper} space: depth per stage and resolution at width 1, first-order blocks, emb 256 */
    public static SearchSpace polyfacePaper() {
        return polyfaceSpace("polyface-paper", "PolyFace as the paper searched it: blocks per stage and stem resolution only"
                + " (width 1, first-order blocks, embedding 256)", List.of("first-order"), List.of(1.0), List.of(256));
    }

    /** @return the {@code mobilefacenet} space for light budgets */
    public static SearchSpace mobileFaceNet() {
        List<Dimension> d = List.of(
                Dimension.range("blocks_1", Kind.ORDINAL, Role.DEPTH, 1, 4),
                Dimension.range("blocks_2", Kind.REPEAT, Role.DEPTH, 1, 12),
                Dimension.range("blocks_3", Kind.REPEAT, Role.DEPTH, 1, 24),
                Dimension.range("blocks_4", Kind.REPEAT, Role.DEPTH, 1, 8),
                Dimension.of("expansion", Kind.ORDINAL, Role.WIDTH, 1, 2, 3, 4, 6),
                Dimension.of("width", Kind.ORDINAL, Role.WIDTH, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0, 1.25, 1.5, 2.0),
                Dimension.of("embedding", Kind.ORDINAL, Role.NONE, 128, 256, 512));
        Map<String, Object> ref = OrderedMaps.of("blocks_1", 1, "blocks_2", 4, "blocks_3", 6, "blocks_4", 2,
                "expansion", 2, "width", 1.0);
        return new SearchSpace("mobilefacenet", "MobileFaceNet: units per stage, expansion, width, embedding (light budgets)",
                Family.MOBILEFACENET, d, ref);
    }

    private static SearchSpace polyfaceSpace(String name, String description, List<Object> blockTypes, List<Object> widths,
                                             List<Object> embeddings) {
        List<Dimension> d = List.of(
                Dimension.range("depth_a", Kind.REPEAT, Role.DEPTH, 1, 40),
                Dimension.range("depth_b", Kind.REPEAT, Role.DEPTH, 1, 40),
                Dimension.range("depth_c", Kind.REPEAT, Role.DEPTH, 1, 40),
                new Dimension("resolution", Kind.ORDINAL, Role.RESOLUTION, RESOLUTIONS),
                new Dimension("block_a", Kind.CATEGORICAL, Role.NONE, blockTypes),
                new Dimension("block_b", Kind.CATEGORICAL, Role.NONE, blockTypes),
                new Dimension("block_c", Kind.CATEGORICAL, Role.NONE, blockTypes),
                new Dimension("width", Kind.ORDINAL, Role.WIDTH, widths),
                new Dimension("embedding", Kind.ORDINAL, Role.NONE, embeddings));
        Map<String, Object> ref = OrderedMaps.of("depth_a", 10, "depth_b", 20, "depth_c", 10, "resolution", 235,
                "width", 1.0);
        return new SearchSpace(name, description, Family.POLYFACE, d, ref);
    }
}
