package io.polyface.bench.arch;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Presets;

import java.util.List;

/**
 * The networks the benchmarks accept by name: every preset ({@link Presets#names()}) and
 * {@value #POLYFACE_SMALL}, the README's "PolyFace 1/1/1 R 75 width 0.25" ({@code efficient-polyface} with depth
 * 1,1,1, stem resolution 75, width 0.25, as {@code bin/polyface flops --arch efficient-polyface --depth 1,1,1
 * --resolution 75 --width 0.25} builds it).
 */
public final class BenchArchitectures {

    /** The name of PolyFace 1/1/1 R 75 width 0.25. */
    public static final String POLYFACE_SMALL = "polyface-1-1-1-r75-w0.25";

    private BenchArchitectures() {}

    /**
     * @param name a preset name or {@value #POLYFACE_SMALL}
     * @return its spec
     * @throws IllegalArgumentException if the name is neither (from {@link Presets#get(String)}, listing the presets)
     */
    public static ArchSpec get(String name) {
        if (name.equals(POLYFACE_SMALL)) {
            return Presets.get("efficient-polyface", ArchOverrides.NONE.withDepth(List.of(1, 1, 1)).withResolution(75).withWidth(0.25));
        }
        return Presets.get(name);
    }
}
