package io.polyface.core.nn;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.GlobalAvgPool;
import io.polyface.core.arch.Linear;
import io.polyface.core.arch.MaxPool;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.NodeVisitor;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.ShapeInference;
import io.polyface.core.arch.TensorShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one walker that turns a spec into DJL blocks (one case per node type). */
final class BlockFactory implements NodeVisitor<Block> {

    private final ArchSpec spec;
    private final Map<String, ShapeInference.Shaped> shapes;
    private final Map<String, Block> layers = new LinkedHashMap<>();
    private final StochasticDepth drops = new StochasticDepth();
    private final ActivationTap tap;

    BlockFactory(ArchSpec spec, ActivationTap tap) {
        this.spec = spec;
        this.tap = tap;
        this.shapes = ShapeInference.infer(spec.input(), spec.root()).byName();
    }

    SpecNetwork build() {
        Block root = spec.root().accept(this);
        return new SpecNetwork(spec, root, layers, drops);
    }

    private Block layer(Node node, Block block) {
        layers.put(node.name(), block);
        return block;
    }

    private TensorShape out(Node node) {
        return shapes.get(node.name()).output();
    }

    @Override
    public Block visitConv2d(Conv2d c) {
        if (c.sharedWith() != null) {
            Block owner = layers.get(c.sharedWith());
            if (owner == null) {
                throw new IllegalArgumentException("conv2d '" + c.name() + "' shares weights with '" + c.sharedWith()
                        + "', which is not an earlier convolution");
            }
            return layer(c, new SharedConvBlock(owner));
        }
        return layer(c, ai.djl.nn.convolutional.Conv2d.builder()
                .setKernelShape(new Shape(c.kernelH(), c.kernelW()))
                .optStride(new Shape(c.strideH(), c.strideW()))
                .optPadding(new Shape(c.padH(), c.padW()))
                .optGroups(c.groups())
                .optBias(c.bias())
                .setFilters(c.outChannels())
                .build());
    }

    @Override
    public Block visitBatchNorm(io.polyface.core.arch.BatchNorm b) {
        return layer(b, BatchNorm.builder()
                .optAxis(1)
                .optEpsilon((float) b.eps())
                .optMomentum((float) (1.0 - b.momentum())) // DJL keeps the old-statistics weight
                .optCenter(b.affine())
                .optScale(b.affine())
                .build());
    }

    @Override
    public Block visitRelu(Relu r) {
        if (tap == null) {
            return layer(r, new ShapedLambdaBlock(Activation::relu, out(r)));
        }
        String name = r.name();
        return layer(r, new ShapedLambdaBlock(x -> {
            tap.preActivation(name, x);
            return Activation.relu(x);
        }, out(r)));
    }

    @Override
    public Block visitPRelu(PRelu p) {
        PReluBlock block = new PReluBlock(shapes.get(p.name()).input().channels());
        if (tap != null) {
            block.tap(p.name(), tap);
        }
        return layer(p, block);
    }

    @Override
    public Block visitMaxPool(MaxPool p) {
        return layer(p, Pool.maxPool2dBlock(new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()),
                new Shape(p.padding(), p.padding()), p.ceilMode()));
    }

    @Override
    public Block visitGlobalAvgPool(GlobalAvgPool g) {
        return layer(g, new ShapedLambdaBlock(x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1), out(g)));
    }

    @Override
    public Block visitDropout(io.polyface.core.arch.Dropout d) {
        return layer(d, Dropout.builder().optRate((float) d.rate()).build());
    }

    @Override
    public Block visitFlatten(Flatten f) {
        return layer(f, new ShapedLambdaBlock(x -> x.reshape(x.getShape().get(0), -1), out(f)));
    }

    @Override
    public Block visitLinear(Linear l) {
        return layer(l, ai.djl.nn.core.Linear.builder().setUnits(l.outFeatures()).optBias(l.bias()).build());
    }

    @Override
    public Block visitResize(Resize r) {
        TensorShape in = shapes.get(r.name()).input();
        TensorBilinearResize resize = new TensorBilinearResize(in.height(), in.width(), r.height(), r.width());
        return layer(r, new ShapedLambdaBlock(resize::apply, out(r)));
    }

    @Override
    public Block visitCrop(Crop c) {
        NDIndex index = new NDIndex(":, :, {}:{}, {}:{}", c.top(), c.top() + c.height(), c.left(), c.left() + c.width());
        return layer(c, new ShapedLambdaBlock(x -> x.get(index), out(c)));
    }

    @Override
    public Block visitPixelScale(PixelScale s) {
        float scale = (float) s.scale();
        float shift = (float) s.shift();
        return layer(s, new ShapedLambdaBlock(x -> ScalarOps.mul(x, scale).add(shift), out(s)));
    }

    @Override
    public Block visitSequential(Sequential s) {
        SequentialBlock block = new ReleasingSequentialBlock();
        for (Node n : s.nodes()) {
            block.add(n.accept(this));
        }
        return block;
    }

    @Override
    public Block visitConcat(Concat c) {
        List<Block> branches = new ArrayList<>();
        for (Node b : c.branches()) {
            branches.add(b.accept(this));
        }
        return new ParallelBlock(list -> {
            NDList heads = new NDList(list.size());
            for (NDList l : list) {
                heads.add(l.singletonOrThrow());
            }
            return new NDList(NDArrays.concat(heads, 1));
        }, branches);
    }

    @Override
    public Block visitResidual(Residual r) {
        Block body = r.body().accept(this);
        Block shortcut = r.shortcut() == null ? null : r.shortcut().accept(this);
        Block post = r.post() == null ? null : r.post().accept(this);
        boolean skippable = !drawsRandom(r.body()) && (r.shortcut() == null || !drawsRandom(r.shortcut()));
        return new ResidualBlock(body, shortcut, post, r.scale(), r.keepProb(), drops, skippable);
    }

    @Override
    public Block visitPolyResidual(PolyResidual p) {
        List<Block> fs = new ArrayList<>();
        for (Node f : p.functions()) {
            fs.add(f.accept(this));
        }
        boolean skippable = tap == null && p.functions().stream().noneMatch(BlockFactory::drawsRandom);
        return new PolyResidualBlock(p.kind(), fs, p.scale(), p.keepProb(), drops, p.name(), tap, skippable);
    }

    /**
     * @param n a spec node
     * @return whether its training forward pass draws random numbers: a stochastic-depth draw (a residual with keep
     *     probability below 1) or a dropout mask, in it or below it. A residual whose body draws none may skip its
     *     body when dropped: the draws of the blocks after it stay the same.
     */
    static boolean drawsRandom(Node n) {
        if (n instanceof io.polyface.core.arch.Dropout d) {
            return d.rate() > 0;
        }
        if (n instanceof Residual r) {
            return r.keepProb() < 1 || drawsRandom(r.body()) || (r.shortcut() != null && drawsRandom(r.shortcut()))
                    || (r.post() != null && drawsRandom(r.post()));
        }
        if (n instanceof PolyResidual p) {
            return p.keepProb() < 1 || p.functions().stream().anyMatch(BlockFactory::drawsRandom);
        }
        if (n instanceof Sequential s) {
            return s.nodes().stream().anyMatch(BlockFactory::drawsRandom);
        }
        if (n instanceof Concat c) {
            return c.branches().stream().anyMatch(BlockFactory::drawsRandom);
        }
        return false;
    }
}
