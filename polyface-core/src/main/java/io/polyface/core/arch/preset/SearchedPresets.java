package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.ArchSpecJson;
import io.polyface.core.util.OrderedMaps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The architectures found by PolyFace's FLOPs-constrained search ({@code io.polyface.core.search}), shipped as
 * presets. Each records its search provenance in its settings under {@code "search"} (space, budget and
 * constraints, objective, strategy, seed, number of candidates evaluated), exactly as
 * {@code SearchResult.bestSpec} writes it, so {@code polyface search} with those arguments reproduces it (the
 * test suite does). All four were found with the compound-scaling prior, which is deterministic, by exhaustive
 * search; budgets are LFR-rule FLOPs per 112×112 image.
 *
 * <table>
 *   <caption>Searched presets</caption>
 *   <tr><th>name</th><th>search</th><th>result</th></tr>
 *   <tr><td>polyface-search-30g</td><td>large track: {@code polyface-paper}, ≤ 30 GFLOPs</td>
 *       <td>PolyFace 12/21/12 at R 299, 29.99 GFLOPs</td></tr>
 *   <tr><td>polyface-search-1g</td><td>light track: {@code mobilefacenet[embedding=256]}, ≤ 1 GFLOPs, model &lt; 20 MB</td>
 *       <td>MobileFaceNet units 2/6/7/5, expansion 2, width 1.25, 0.999 GFLOPs, 8.6 MB</td></tr>
 *   <tr><td>polyface-search-0.5g</td><td>CPU: {@code mobilefacenet[embedding=128]}, ≤ 0.5 GFLOPs</td>
 *       <td>MobileFaceNet units 1/4/8/3, expansion 2, width 1, 0.499 GFLOPs</td></tr>
 *   <tr><td>polyface-search-0.1g</td><td>CPU demo default: {@code mobilefacenet[embedding=128]}, ≤ 0.1 GFLOPs</td>
 *       <td>MobileFaceNet units 1/3/3/1, expansion 1, width 0.625, 0.099 GFLOPs, 0.24 M parameters</td></tr>
 * </table>
 *
 * <p>A searched preset takes no architecture overrides (with overrides it would no longer be the searched
 * network): start from {@code polyface} or {@code mobilefacenet-y1} for variations.
 */
final class SearchedPresets {

    private SearchedPresets() {}

    /**
     * Adds the searched presets.
     *
     * @param factories the preset registry
     */
    static void register(Map<String, Function<ArchOverrides, ArchSpec>> factories) {
        factories.put("polyface-search-30g", o -> fixed("polyface-search-30g", o,
                PolyFace.builder().optName("polyface-search-30g").optDepth(12, 21, 12).optResolution(299).build(),
                provenance("polyface-paper", "polyface", 30_000_000_000L, null, 896_976)));
        factories.put("polyface-search-1g", o -> fixed("polyface-search-1g", o,
                MobileFaceNet.builder().optName("polyface-search-1g").optBlocks(2, 6, 7, 5).optExpansion(2).optWidth(1.25)
                        .optEmbedding(256).build(),
                provenance("mobilefacenet[embedding=256]", "mobilefacenet", 1_000_000_000L, 20_000_000L, 283_957)));
        factories.put("polyface-search-0.5g", o -> fixed("polyface-search-0.5g", o,
                MobileFaceNet.builder().optName("polyface-search-0.5g").optBlocks(1, 4, 8, 3).optExpansion(2).optWidth(1.0)
                        .optEmbedding(128).build(),
                provenance("mobilefacenet[embedding=128]", "mobilefacenet", 500_000_000L, null, 193_942)));
        factories.put("polyface-search-0.1g", o -> fixed("polyface-search-0.1g", o,
                MobileFaceNet.builder().optName("polyface-search-0.1g").optBlocks(1, 3, 3, 1).optExpansion(1).optWidth(0.625)
                        .optEmbedding(128).build(),
                provenance("mobilefacenet[embedding=128]", "mobilefacenet", 100_000_000L, null, 43_811)));
    }

    private static ArchSpec fixed(String name, ArchOverrides o, ArchSpec spec, Map<String, Object> search) {
        if (o != null && !o.isEmpty()) {
            throw new IllegalArgumentException("architecture '" + name + "' is a searched preset and takes no overrides (got " + o
                    + "); start from polyface or mobilefacenet-y1 instead");
        }
        Map<String, Object> settings = new LinkedHashMap<>(spec.settings());
        settings.put("search", search);
        // through JSON once, so that the recorded numbers have the types a spec file gives them
        return ArchSpecJson.fromJson(ArchSpecJson.toJson(new ArchSpec(spec.name(), spec.input(), spec.channelOrder(), spec.mean(),
                spec.std(), spec.root(), spec.embeddingLayer(), settings)));
    }

    /** The provenance map of a prior-objective exhaustive search with seed 0 (as {@code SearchResult.provenance()}). */
    private static Map<String, Object> provenance(String space, String family, long maxFlops, Long maxBytesExclusive, int evaluated) {
        Map<String, Object> budget = OrderedMaps.of("type", "flops", "convention", "lfr", "max", maxFlops);
        Map<String, Object> objective = OrderedMaps.of("id", "prior", "alpha", 1.2, "beta", 1.1, "gamma", 1.15,
                "imbalance_weight", 0.01);
        Map<String, Object> m = OrderedMaps.of("space", space, "family", family, "budget", budget);
        if (maxBytesExclusive == null) {
            m.put("constraints", List.of(budget));
        } else {
            Map<String, Object> size = OrderedMaps.of("type", "model_size", "max_bytes_exclusive", maxBytesExclusive);
            m.put("constraints", List.of(budget, size));
        }
        m.put("objective", objective);
        m.put("strategy", Map.of("id", "exhaustive"));
        m.put("seed", 0L);
        m.put("evaluated", evaluated);
        return m;
    }
}
