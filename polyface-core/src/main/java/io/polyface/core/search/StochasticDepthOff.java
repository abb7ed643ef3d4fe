package io.polyface.core.search;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Concat;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.Dropout;
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

import java.util.List;

/**
 * Copies a spec with every residual's stochastic-depth keep probability set to 1 (every block always kept;
 * the residual scale unchanged), so that a training-mode forward pass is deterministic apart from dropout.
 */
final class StochasticDepthOff implements NodeVisitor<Node> {

    private StochasticDepthOff() {}

    /**
     * @param spec a spec
     * @return the same network with keep probability 1 everywhere
     */
    static ArchSpec apply(ArchSpec spec) {
        return new ArchSpec(spec.name(), spec.input(), spec.channelOrder(), spec.mean(), spec.std(),
                spec.root().accept(new StochasticDepthOff()), spec.embeddingLayer(), spec.settings());
    }

    private List<Node> all(List<Node> nodes) {
        return nodes.stream().map(n -> n.accept(this)).toList();
    }

    private Node maybe(Node node) {
        return node == null ? null : node.accept(this);
    }

    @Override
    public Node visitSequential(Sequential s) {
        return new Sequential(s.name(), all(s.nodes()));
    }

    @Override
    public Node visitConcat(Concat c) {
        return new Concat(c.name(), all(c.branches()));
    }

    @Override
    public Node visitResidual(Residual r) {
        return new Residual(r.name(), r.body().accept(this), maybe(r.shortcut()), r.scale(), 1.0, maybe(r.post()));
    }

    @Override
    public Node visitPolyResidual(PolyResidual p) {
        return new PolyResidual(p.name(), p.kind(), all(p.functions()), p.scale(), 1.0);
    }

    @Override
    public Node visitConv2d(Conv2d n) {
        return n;
    }

    @Override
    public Node visitBatchNorm(BatchNorm n) {
        return n;
    }

    @Override
    public Node visitRelu(Relu n) {
        return n;
    }

    @Override
    public Node visitPRelu(PRelu n) {
        return n;
    }

    @Override
    public Node visitMaxPool(MaxPool n) {
        return n;
    }

    @Override
    public Node visitGlobalAvgPool(GlobalAvgPool n) {
        return n;
    }

    @Override
    public Node visitDropout(Dropout n) {
        return n;
    }

    @Override
    public Node visitFlatten(Flatten n) {
        return n;
    }

    @Override
    public Node visitLinear(Linear n) {
        return n;
    }

    @Override
    public Node visitResize(Resize n) {
        return n;
    }

    @Override
    public Node visitCrop(Crop n) {
        return n;
    }

    @Override
    public Node visitPixelScale(PixelScale n) {
        return n;
    }
}
