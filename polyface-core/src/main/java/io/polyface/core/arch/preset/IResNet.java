package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Dropout;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.Layers.Act;
import io.polyface.core.util.Checks;
import io.polyface.core.util.OrderedMaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * iResNet-N, the ArcFace "IR" backbones (Deng et al., ArcFace, CVPR 2019; InsightFace {@code iresnet.py}),
 * as in {@code shared/spec/architectures.md} §2: stem conv 3/1/1 + BN + PReLU, four stages of 64/128/256/512
 * channels, unit BN → conv → BN → PReLU → conv/s → BN with identity or conv 1×1/s + BN shortcut and no
 * activation after the add; head BN2d → dropout → flatten → linear (bias) → BN1d (the embedding).
 *
 * <p>Input: {@code [3, 112, 112]} RGB, (pixel − 127.5)/127.5 (arcface_torch's normalisation).
 */
public final class IResNet {

    /** BN ε (PyTorch default, as arcface_torch). */
    public static final double EPS = 1e-5;

    private IResNet() {}

    /**
     * Units per stage for the standard depths.
     *
     * @param depth 18, 34, 50, 100 or 200
     * @return the four unit counts
     * @throws IllegalArgumentException for another depth
     */
    public static int[] unitsFor(int depth) {
        return switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34 -> new int[] {3, 4, 6, 3};
            case 50 -> new int[] {3, 4, 14, 3};
            case 100 -> new int[] {3, 13, 30, 3};
            case 200 -> new int[] {6, 26, 60, 6};
            default -> throw new IllegalArgumentException("iresnet depth must be 18, 34, 50, 100 or 200, got " + depth);
        };
    }

    /** @return a builder for iresnet50: input 112, width 1, embedding 512, name {@code iresnetN} (N the depth) */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder. */
    public static final class Builder extends PresetBuilder<Builder> {
        private int[] units = unitsFor(50);
        private int depth = 50;
        private double dropout = 0.0;

        Builder() {
            super(Builder.class, null, 512);
        }

        /**
         * @param depth 18, 34, 50, 100 or 200
         * @return this
         */
        public Builder setDepth(int depth) {
            this.units = unitsFor(depth);
            this.depth = depth;
            return this;
        }

        /**
         * @param perStage four unit counts, each ≥ 1 (overrides the depth's)
         * @return this
         */
        public Builder optUnits(int... perStage) {
            if (perStage.length != 4) {
                throw new IllegalArgumentException("iresnet needs 4 unit counts (one per stage), got " + perStage.length);
            }
            for (int u : perStage) {
                Checks.requireAtLeast("iresnet unit counts", u, 1);
            }
            this.units = perStage.clone();
            return this;
        }

        /**
         * @param dropout dropout before the FC (default 0, arcface_torch's default)
         * @return this
         */
        public Builder optDropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException on a bad setting
         */
        @Override
        public ArchSpec build() {
            PresetChecks.stride16("iresnet", width, input, embedding);
            List<Node> stages = new ArrayList<>();
            int c0 = Widths.scale(64, width);
            stages.add(Layers.convBn("stem", Layers.conv(c0, 3, 1, 1), EPS, Act.PRELU));
            int in = c0;
            int[] widths = {64, 128, 256, 512};
            for (int s = 0; s < 4; s++) {
                int out = Widths.scale(widths[s], width);
                List<Node> us = new ArrayList<>();
                for (int u = 0; u < units[s]; u++) {
                    us.add(unit("stage" + (s + 1) + "." + u, u == 0 ? in : out, out, u == 0 ? 2 : 1, u == 0));
                }
                stages.add(new Sequential("stage" + (s + 1), us));
                in = out;
            }
            stages.add(Sequential.of("head",
                    BatchNorm.of("head.bn", EPS),
                    new Dropout("head.dropout", dropout),
                    new Flatten("head.flatten"),
                    new Linear("head.fc", embedding, true),
                    BatchNorm.of("head.features", EPS)));
            String n = name != null ? name : "iresnet" + depth;
            Map<String, Object> settings = OrderedMaps.of("preset", "iresnet", "input", input,
                    "depth", List.of(units[0], units[1], units[2], units[3]), "width", width, "embedding", embedding,
                    "dropout", dropout);
            return new ArchSpec(n, TensorShape.chw(3, input, input), "RGB", 127.5, 127.5, new Sequential(n, stages),
                    "head.features", settings);
        }

        private static Node unit(String p, int in, int out, int stride, boolean project) {
            Node body = Sequential.of(p + ".body",
                    BatchNorm.of(p + ".bn0", EPS),
                    Layers.convBn(p + ".c1", Layers.conv(out, 3, 1, 1), EPS, Act.PRELU),
                    Layers.convBn(p + ".c2", Layers.conv(out, 3, stride, 1), EPS, Act.NONE));
            Node shortcut = project ? Layers.convBn(p + ".down", Layers.conv(out, 1, stride, 0), EPS, Act.NONE) : null;
            return Residual.plain(p, body, shortcut, null);
        }
    }
}
