package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The named architecture presets, each a documented factory with overridable settings.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>name</th><th>what</th></tr>
 *   <tr><td>efficient-polyface</td><td>PolyFace 23/38/23, R 235, emb 256 (the paper's image model)</td></tr>
 *   <tr><td>polyface</td><td>PolyFace 20/30/20, R 235, emb 256 (the paper's video model)</td></tr>
 *   <tr><td>polynet-depth</td><td>PolyFace at PolyNet's default depth 10/20/10</td></tr>
 *   <tr><td>iresnet18/34/50/100/200</td><td>ArcFace IR backbones, emb 512</td></tr>
 *   <tr><td>mobilefacenet-y1, -y2, -tiny</td><td>MobileFaceNet [1,4,6,2]/128, [2,8,16,4]/256, y1 at width 0.5</td></tr>
 *   <tr><td>qan-quality</td><td>the QAN++ frame-quality network</td></tr>
 * </table>
 */
public final class Presets {

    private static final Map<String, Function<ArchOverrides, ArchSpec>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("efficient-polyface", o -> polyface("efficient-polyface", o, 23, 38, 23));
        FACTORIES.put("polyface", o -> polyface("polyface", o, 20, 30, 20));
        FACTORIES.put("polynet-depth", o -> polyface("polynet-depth", o, 10, 20, 10));
        for (int d : new int[] {18, 34, 50, 100, 200}) {
            FACTORIES.put("iresnet" + d, o -> iresnet("iresnet" + d, d, o));
        }
        FACTORIES.put("mobilefacenet-y1", o -> mobilefacenet("mobilefacenet-y1", o, List.of(1, 4, 6, 2), 128, 1.0));
        FACTORIES.put("mobilefacenet-y2", o -> mobilefacenet("mobilefacenet-y2", o, List.of(2, 8, 16, 4), 256, 1.0));
        FACTORIES.put("mobilefacenet-tiny", o -> mobilefacenet("mobilefacenet-tiny", o, List.of(1, 4, 6, 2), 128, 0.5));
        FACTORIES.put("qan-quality", o -> {
            reject("qan-quality", o.input(), "input");
            reject("qan-quality", o.resolution(), "resolution");
            reject("qan-quality", o.width(), "width");
            reject("qan-quality", o.depth(), "depth");
            reject("qan-quality", o.embedding(), "embedding");
            rejectPolyOnly("qan-quality", o);
            return QualityNet.spec();
        });
        SearchedPresets.register(FACTORIES);
    }

    private Presets() {}

    /** @return the preset names in display order */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * @param name a preset name
     * @return the preset with its default settings
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ArchSpec get(String name) {
        return get(name, ArchOverrides.NONE);
    }

    /**
     * @param name a preset name
     * @param overrides settings that replace the defaults
     * @return the spec
     * @throws IllegalArgumentException for an unknown name, a setting the preset does not take, or a bad value
     */
    public static ArchSpec get(String name, ArchOverrides overrides) {
        Function<ArchOverrides, ArchSpec> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "'; known presets: " + String.join(", ", names())
                    + " (or a spec file ending in .json)");
        }
        return f.apply(overrides == null ? ArchOverrides.NONE : overrides);
    }

    private static ArchSpec polyface(String name, ArchOverrides o, int a, int b, int c) {
        PolyFace.Builder pb = PolyFace.builder().optName(name).optDepth(a, b, c);
        if (o.depth() != null) {
            int[] d = ints(o.depth(), 3, name);
            pb.optDepth(d[0], d[1], d[2]);
        }
        if (o.resolution() != null) {
            pb.optResolution(o.resolution());
        }
        if (o.keepProb() != null) {
            pb.optKeepProb(o.keepProb());
        }
        if (o.residualScale() != null) {
            pb.optResidualScale(o.residualScale());
        }
        if (o.blockType() != null) {
            pb.optBlockType(BlockType.parse(o.blockType()));
        }
        return withShared(pb, o).build();
    }

    private static ArchSpec iresnet(String name, int depth, ArchOverrides o) {
        reject(name, o.resolution(), "resolution");
        rejectPolyOnly(name, o);
        IResNet.Builder b = IResNet.builder().setDepth(depth).optName(name);
        if (o.depth() != null) {
            b.optUnits(ints(o.depth(), 4, name));
        }
        return withShared(b, o).build();
    }

    private static ArchSpec mobilefacenet(String name, ArchOverrides o, List<Integer> blocks, int emb, double width) {
        reject(name, o.resolution(), "resolution");
        rejectPolyOnly(name, o);
        MobileFaceNet.Builder b = MobileFaceNet.builder().optName(name)
                .optBlocks(ints(o.depth() != null ? o.depth() : blocks, 4, name)).optEmbedding(emb).optWidth(width);
        return withShared(b, o).build();
    }

    /** Applies the overrides every preset takes (input, width, embedding) where given. */
    private static <B extends PresetBuilder<B>> B withShared(B b, ArchOverrides o) {
        if (o.input() != null) {
            b.optInput(o.input());
        }
        if (o.width() != null) {
            b.optWidth(o.width());
        }
        if (o.embedding() != null) {
            b.optEmbedding(o.embedding());
        }
        return b;
    }

    private static void rejectPolyOnly(String name, ArchOverrides o) {
        reject(name, o.keepProb(), "keep probability");
        reject(name, o.residualScale(), "residual scale");
        reject(name, o.blockType(), "block type");
    }

    private static void reject(String name, Object value, String setting) {
        if (value != null) {
            throw new IllegalArgumentException("architecture '" + name + "' does not take a " + setting + " setting (got " + value + ")");
        }
    }

    private static int[] ints(List<Integer> list, int n, String name) {
        if (list.size() != n) {
            throw new IllegalArgumentException("architecture '" + name + "' takes " + n + " depth values, got " + list.size() + ": " + list);
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
