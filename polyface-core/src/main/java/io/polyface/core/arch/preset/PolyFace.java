package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.Dropout;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.MaxPool;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.PolyKind;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.Layers.Act;
import io.polyface.core.util.Checks;
import io.polyface.core.util.OrderedMaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PolyFace family (Efficient PolyFace of "Towards Flops-constrained Face Recognition", ICCV-W 2019;
 * PolyNet-shaped: Inception-ResNet stem, blocks A/B/C, two reductions). Layer tables, the input stage,
 * the residual rule and the width rounding are in {@code shared/spec/architectures.md} §1.
 *
 * <pre>{@code
 * ArchSpec spec = PolyFace.builder().optDepth(23, 38, 23).optResolution(235).build(); // efficient-polyface
 * }</pre>
 *
 * <p>The network takes the aligned {@code [3, 112, 112]} BGR image as raw pixels (0..255), crops rows and
 * columns 1..111, resizes bilinearly to the stem resolution R and scales pixels to x·3.2/255 − 1.6.
 * The matching embedding is the output of the linear layer {@code head.fc} (before the final BN).
 */
public final class PolyFace {

    /** BN ε inside the stem, blocks and reductions (spec). */
    public static final double BLOCK_EPS = 1e-10;
    /** BN ε of the embedding head (spec). */
    public static final double HEAD_EPS = 2e-5;

    private PolyFace() {}

    /** @return a builder with the Efficient PolyFace defaults (name {@code efficient-polyface}, input 112, 23/38/23, R 235, width 1, emb 256) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a stem resolution.
     *
     * @param r the stem size R
     * @return R
     * @throws IllegalArgumentException with the reason and the nearest valid values unless R = 32k+11 or 32k+12, k ≥ 2
     */
    public static int checkResolution(int r) {
        if (r >= 75 && (r % 32 == 11 || r % 32 == 12)) {
            return r;
        }
        int below = -1;
        for (int v = r; v >= 75; v--) {
            if (v % 32 == 11 || v % 32 == 12) {
                below = v;
                break;
            }
        }
        int above = Math.max(r, 75);
        while (above % 32 != 11 && above % 32 != 12) {
            above++;
        }
        String nearest = below < 0 ? String.valueOf(above) : below + " or " + above;
        String why = r < 75 ? "below 75 the feature maps shrink to nothing before block C"
                : "otherwise the stem's ceil-mode max-pool and stride-2 conv branches disagree in size";
        throw new IllegalArgumentException("resolution " + r + " is not valid for PolyFace: R must be 32k+11 or 32k+12 with k >= 2 ("
                + why + "); nearest valid: " + nearest);
    }

    /** Builder; every setting has the Efficient PolyFace default. */
    public static final class Builder extends PresetBuilder<Builder> {
        private int resolution = 235;
        private int[] depth = {23, 38, 23};
        private double keepProb = 0.8;
        private double residualScale = 0.3;
        private double dropout = 0.4;
        private BlockType[] blockTypes = {BlockType.FIRST_ORDER, BlockType.FIRST_ORDER, BlockType.FIRST_ORDER};

        Builder() {
            super(Builder.class, "efficient-polyface", 256);
        }

        /**
         * @param resolution stem size R (32k+11 or 32k+12, k ≥ 2; default 235)
         * @return this
         */
        public Builder optResolution(int resolution) {
            this.resolution = resolution;
            return this;
        }

        /**
         * @param a blocks in stage A (1..200)
         * @param b blocks in stage B
         * @param c blocks in stage C
         * @return this
         */
        public Builder optDepth(int a, int b, int c) {
            this.depth = new int[] {a, b, c};
            return this;
        }

        /**
         * @param keepProb stochastic-depth keep probability per block (default 0.8)
         * @return this
         */
        public Builder optKeepProb(double keepProb) {
            this.keepProb = keepProb;
            return this;
        }

        /**
         * @param residualScale residual scale s (default 0.3)
         * @return this
         */
        public Builder optResidualScale(double residualScale) {
            this.residualScale = residualScale;
            return this;
        }

        /**
         * @param dropout dropout rate before the embedding FC (default 0.4)
         * @return this
         */
        public Builder optDropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * @param a block type of stage A
         * @param b block type of stage B
         * @param c block type of stage C
         * @return this
         */
        public Builder optBlockTypes(BlockType a, BlockType b, BlockType c) {
            this.blockTypes = new BlockType[] {a, b, c};
            return this;
        }

        /**
         * @param all the block type of every stage
         * @return this
         */
        public Builder optBlockType(BlockType all) {
            return optBlockTypes(all, all, all);
        }

        /**
         * Builds and validates the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException naming the setting and the accepted values
         */
        @Override
        public ArchSpec build() {
            checkResolution(resolution);
            Widths.check(width);
            for (int i = 0; i < 3; i++) {
                if (depth[i] < 1 || depth[i] > 200) {
                    throw new IllegalArgumentException("depth of stage " + "ABC".charAt(i) + " must be in [1, 200], got " + depth[i]);
                }
            }
            PresetChecks.embedding(embedding);
            Checks.requireAtLeast("input", input, 16);
            return new Net(this).spec();
        }
    }

    /** Builds the graph from a builder's settings. */
    private static final class Net {
        private final Builder b;

        Net(Builder b) {
            this.b = b;
        }

        private int w(int c) {
            return Widths.scale(c, b.width);
        }

        private Sequential bc(String name, Conv2d conv) {
            return Layers.convBn(name, conv, BLOCK_EPS, Act.RELU);
        }

        ArchSpec spec() {
            List<Node> stages = new ArrayList<>();
            int crop = b.input - 1;
            stages.add(Sequential.of("input",
                    new Crop("input.crop", 1, 1, crop, crop),
                    new Resize("input.resize", b.resolution, b.resolution),
                    new PixelScale("input.scale", 3.2 / 255.0, -1.6)));
            stages.add(stem());
            int cA = w(96) * 2 + w(192);
            stages.add(stage("stageA", b.blockTypes[0], b.depth[0], cA, this::blockA));
            stages.add(reductionA());
            int cB = w(384) * 2 + cA;
            stages.add(stage("stageB", b.blockTypes[1], b.depth[1], cB, this::blockB));
            stages.add(reductionB());
            int cC = w(256) * 2 + w(384) + cB;
            stages.add(stage("stageC", b.blockTypes[2], b.depth[2], cC, this::blockC));
            stages.add(Sequential.of("head",
                    new BatchNorm("head.bn", HEAD_EPS, 0.1, true),
                    new Dropout("head.dropout", b.dropout),
                    new Flatten("head.flatten"),
                    new Linear("head.fc", b.embedding, true),
                    new BatchNorm("head.features", HEAD_EPS, 0.1, false)));
            Map<String, Object> settings = OrderedMaps.of("preset", "polyface", "input", b.input,
                    "resolution", b.resolution, "depth", List.of(b.depth[0], b.depth[1], b.depth[2]), "width", b.width,
                    "embedding", b.embedding, "keep_prob", b.keepProb, "residual_scale", b.residualScale,
                    "dropout", b.dropout,
                    "block_types", List.of(b.blockTypes[0].id(), b.blockTypes[1].id(), b.blockTypes[2].id()));
            return new ArchSpec(b.name, TensorShape.chw(3, b.input, b.input), "BGR", 0.0, 1.0,
                    new Sequential(b.name, stages), "head.fc", settings);
        }

        private Node stem() {
            return Sequential.of("stem",
                    bc("stem.c1", Layers.conv(w(32), 3, 2, 0)),
                    bc("stem.c2", Layers.conv(w(32), 3, 1, 0)),
                    bc("stem.c3", Layers.conv(w(64), 3, 1, 1)),
                    Concat.of("stem.mix1",
                            new MaxPool("stem.mix1.pool", 3, 2, 0, true),
                            bc("stem.mix1.conv", Layers.conv(w(96), 3, 2, 0))),
                    Concat.of("stem.mix2",
                            Sequential.of("stem.mix2.b0",
                                    bc("stem.mix2.b0.c1", Layers.conv(w(64), 1, 1, 0)),
                                    bc("stem.mix2.b0.c2", Layers.conv(w(96), 3, 1, 0))),
                            Sequential.of("stem.mix2.b1",
                                    bc("stem.mix2.b1.c1", Layers.conv(w(64), 1, 1, 0)),
                                    bc("stem.mix2.b1.c2", Layers.rect(w(64), 7, 1, 3, 0)),
                                    bc("stem.mix2.b1.c3", Layers.rect(w(64), 1, 7, 0, 3)),
                                    bc("stem.mix2.b1.c4", Layers.conv(w(96), 3, 1, 0)))),
                    Concat.of("stem.mix3",
                            new MaxPool("stem.mix3.pool", 3, 2, 0, true),
                            bc("stem.mix3.conv", Layers.conv(w(192), 3, 2, 0))));
        }

        /** The residual function of block A (without the residual connection). */
        private Node blockA(String p, int in) {
            return Sequential.of(p,
                    Concat.of(p + ".mix",
                            Sequential.of(p + ".b0",
                                    bc(p + ".b0.c1", Layers.conv(w(32), 1, 1, 0)),
                                    bc(p + ".b0.c2", Layers.conv(w(48), 3, 1, 1)),
                                    bc(p + ".b0.c3", Layers.conv(w(64), 3, 1, 1))),
                            Sequential.of(p + ".b1",
                                    bc(p + ".b1.c1", Layers.conv(w(32), 1, 1, 0)),
                                    bc(p + ".b1.c2", Layers.conv(w(32), 3, 1, 1))),
                            bc(p + ".b2", Layers.conv(w(32), 1, 1, 0))),
                    Layers.convBn(p + ".proj", Layers.conv(in, 1, 1, 0), BLOCK_EPS, Act.NONE));
        }

        private Node blockB(String p, int in) {
            return Sequential.of(p,
                    Concat.of(p + ".mix",
                            Sequential.of(p + ".b0",
                                    bc(p + ".b0.c1", Layers.conv(w(128), 1, 1, 0)),
                                    bc(p + ".b0.c2", Layers.rect(w(160), 1, 7, 0, 3)),
                                    bc(p + ".b0.c3", Layers.rect(w(192), 7, 1, 3, 0))),
                            bc(p + ".b1", Layers.conv(w(192), 1, 1, 0))),
                    Layers.convBn(p + ".proj", Layers.conv(in, 1, 1, 0), BLOCK_EPS, Act.NONE));
        }

        private Node blockC(String p, int in) {
            return Sequential.of(p,
                    Concat.of(p + ".mix",
                            Sequential.of(p + ".b0",
                                    bc(p + ".b0.c1", Layers.conv(w(192), 1, 1, 0)),
                                    bc(p + ".b0.c2", Layers.rect(w(224), 1, 3, 0, 1)),
                                    bc(p + ".b0.c3", Layers.rect(w(256), 3, 1, 1, 0))),
                            bc(p + ".b1", Layers.conv(w(192), 1, 1, 0))),
                    Layers.convBn(p + ".proj", Layers.conv(in, 1, 1, 0), BLOCK_EPS, Act.NONE));
        }

        private Node reductionA() {
            return Concat.of("reductionA",
                    Sequential.of("reductionA.b0",
                            bc("reductionA.b0.c1", Layers.conv(w(256), 1, 1, 0)),
                            bc("reductionA.b0.c2", Layers.conv(w(256), 3, 1, 1)),
                            bc("reductionA.b0.c3", Layers.conv(w(384), 3, 2, 0))),
                    bc("reductionA.b1", Layers.conv(w(384), 3, 2, 0)),
                    new MaxPool("reductionA.pool", 3, 2, 0, true));
        }

        private Node reductionB() {
            return Concat.of("reductionB",
                    Sequential.of("reductionB.b0",
                            bc("reductionB.b0.c1", Layers.conv(w(256), 1, 1, 0)),
                            bc("reductionB.b0.c2", Layers.conv(w(256), 3, 1, 1)),
                            bc("reductionB.b0.c3", Layers.conv(w(256), 3, 2, 0))),
                    Sequential.of("reductionB.b1",
                            bc("reductionB.b1.c1", Layers.conv(w(256), 1, 1, 0)),
                            bc("reductionB.b1.c2", Layers.conv(w(256), 3, 2, 0))),
                    Sequential.of("reductionB.b2",
                            bc("reductionB.b2.c1", Layers.conv(w(256), 1, 1, 0)),
                            bc("reductionB.b2.c2", Layers.conv(w(384), 3, 2, 0))),
                    new MaxPool("reductionB.pool", 3, 2, 0, true));
        }

        private interface Function {
            Node make(String prefix, int in);
        }

        private Node stage(String name, BlockType type, int blocks, int in, Function f) {
            List<Node> units = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                String p = name + "." + i;
                if (type == BlockType.FIRST_ORDER) {
                    units.add(new Residual(p, f.make(p + ".f", in), null, b.residualScale, b.keepProb, new Relu(p + ".relu")));
                } else {
                    List<Node> fs = new ArrayList<>();
                    Node first = f.make(p + ".f0", in);
                    fs.add(first);
                    for (int k = 1; k < type.order(); k++) {
                        Node fk = f.make(p + ".f" + k, in);
                        fs.add(type.kind() == PolyKind.POLY ? Sharing.shareConvs(fk, first, p + ".f" + k + ".proj.conv") : fk);
                    }
                    units.add(new PolyResidual(p, type.kind(), fs, b.residualScale, b.keepProb));
                }
            }
            return new Sequential(name, units);
        }
    }
}
