package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.Layers.Act;
import io.polyface.core.util.OrderedMaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MobileFaceNet (Chen et al., "MobileFaceNets", CCBR 2018) as in {@code shared/spec/architectures.md} §2:
 * bias-free convs with BN, PReLU after each non-linear conv, inverted-residual units, a global depthwise
 * (GDC) head and a linear embedding with BN1d.
 *
 * <p>Presets: {@code y1} = blocks [1,4,6,2], emb 128; {@code y2} = [2,8,16,4], emb 256; {@code tiny} = y1 at
 * width 0.5. Input: {@code [3, 112, 112]} RGB, (pixel − 127.5)/127.5.
 */
public final class MobileFaceNet {

    /** BN ε. */
    public static final double EPS = 1e-5;

    private MobileFaceNet() {}

    /** @return a builder for {@code mobilefacenet-y1}: input 112, width 1, embedding 128 */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder. */
    public static final class Builder extends PresetBuilder<Builder> {
        private int[] blocks = {1, 4, 6, 2};
        private int expansion = 2;

        Builder() {
            super(Builder.class, "mobilefacenet-y1", 128);
        }

        /**
         * @param perStage four block counts (stage 1: 1 = a single depthwise conv, n &gt; 1 = n residual units)
         * @return this
         */
        public Builder optBlocks(int... perStage) {
            if (perStage.length != 4) {
                throw new IllegalArgumentException("mobilefacenet needs 4 block counts, got " + perStage.length);
            }
            for (int i = 0; i < 4; i++) {
                if (perStage[i] < (i == 0 ? 1 : 0) || perStage[i] > 64) {
                    throw new IllegalArgumentException("mobilefacenet block count of stage " + (i + 1)
                            + " must be in [" + (i == 0 ? 1 : 0) + ", 64], got " + perStage[i]);
                }
            }
            this.blocks = perStage.clone();
            return this;
        }

        /**
         * @param expansion inner width of residual units as a multiple of their input (default 2)
         * @return this
         */
        public Builder optExpansion(int expansion) {
            if (expansion < 1 || expansion > 8) {
                throw new IllegalArgumentException("mobilefacenet expansion must be in [1, 8], got " + expansion);
            }
            this.expansion = expansion;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException on a bad setting
         */
        @Override
        public ArchSpec build() {
            PresetChecks.stride16("mobilefacenet", width, input, embedding);
            int c64 = w(64);
            int c128 = w(128);
            int c256 = w(256);
            int c512 = w(512);
            List<Node> stages = new ArrayList<>();
            stages.add(Layers.convBn("conv1", Layers.conv(c64, 3, 2, 1), EPS, Act.PRELU));
            if (blocks[0] == 1) {
                stages.add(Layers.convBn("stage1", Layers.conv(c64, 3, 1, 1).withGroups(c64), EPS, Act.PRELU));
            } else {
                stages.add(residualStage("stage1", null, c64, w(64 * expansion / 2 * 1), blocks[0]));
            }
            stages.add(residualStage("stage2", down("stage2.down", c128, c64), c64, w(64 * expansion), blocks[1]));
            stages.add(residualStage("stage3", down("stage3.down", c256, c128), c128, w(128 * expansion), blocks[2]));
            stages.add(residualStage("stage4", down("stage4.down", c512, c128), c128, w(128 * expansion), blocks[3]));
            int spatial = input / 16;
            stages.add(Sequential.of("head",
                    Layers.convBn("head.conv", Layers.conv(c512, 1, 1, 0), EPS, Act.PRELU),
                    Layers.convBn("head.gdc", Layers.conv(c512, spatial, 1, 0).withGroups(c512), EPS, Act.NONE),
                    new Flatten("head.flatten"),
                    new Linear("head.fc", embedding, true),
                    BatchNorm.of("head.features", EPS)));
            Map<String, Object> settings = OrderedMaps.of("preset", "mobilefacenet", "input", input,
                    "depth", List.of(blocks[0], blocks[1], blocks[2], blocks[3]), "expansion", expansion,
                    "width", width, "embedding", embedding);
            return new ArchSpec(name, TensorShape.chw(3, input, input), "RGB", 127.5, 127.5,
                    new Sequential(name, stages), "head.features", settings);
        }

        private int w(int c) {
            return Widths.scale(c, width);
        }

        /** Down-sampling unit: 1×1 expand, depthwise 3/2/1, 1×1 linear projection. */
        private static Node down(String p, int inner, int out) {
            return Sequential.of(p,
                    Layers.convBn(p + ".expand", Layers.conv(inner, 1, 1, 0), EPS, Act.PRELU),
                    Layers.convBn(p + ".dw", Layers.conv(inner, 3, 2, 1).withGroups(inner), EPS, Act.PRELU),
                    Layers.convBn(p + ".project", Layers.conv(out, 1, 1, 0), EPS, Act.NONE));
        }

        private static Node residualStage(String name, Node down, int channels, int inner, int units) {
            List<Node> nodes = new ArrayList<>();
            if (down != null) {
                nodes.add(down);
            }
            for (int u = 0; u < units; u++) {
                String p = name + "." + u;
                Node body = Sequential.of(p + ".body",
                        Layers.convBn(p + ".expand", Layers.conv(inner, 1, 1, 0), EPS, Act.PRELU),
                        Layers.convBn(p + ".dw", Layers.conv(inner, 3, 1, 1).withGroups(inner), EPS, Act.PRELU),
                        Layers.convBn(p + ".project", Layers.conv(channels, 1, 1, 0), EPS, Act.NONE));
                nodes.add(Residual.plain(p, body, null, null));
            }
            return new Sequential(name, nodes);
        }
    }
}
