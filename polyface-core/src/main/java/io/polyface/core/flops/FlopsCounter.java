package io.polyface.core.flops;

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
import io.polyface.core.arch.PolyKind;
import io.polyface.core.arch.PolyResidual;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.ShapeInference;
import io.polyface.core.arch.TensorShape;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts FLOPs (three conventions, see {@link Convention}), trainable parameters and conv/FC weights of a
 * spec for one sample at its input size. Everything in the graph counts, including the model's own crop,
 * resize and pixel scaling (free under the LFR rule), as the LFR-2019 rule requires.
 */
public final class FlopsCounter {

    private FlopsCounter() {}

    /**
     * Counts a spec.
     *
     * @param spec the spec
     * @return per-node costs
     * @throws IllegalArgumentException if the spec's shapes do not fit
     */
    public static CostReport count(ArchSpec spec) {
        List<LayerCost> out = new ArrayList<>();
        for (ShapeInference.Shaped s : ShapeInference.infer(spec.input(), spec.root()).nodes()) {
            out.add(cost(s.node(), s.stage(), s.input(), s.output()));
        }
        return new CostReport(spec, out);
    }

    static LayerCost cost(Node node, String stage, TensorShape in, TensorShape out) {
        return node.accept(new Costs(stage, in, out));
    }

    /** The cost of each node type for given shapes. */
    private static final class Costs implements NodeVisitor<LayerCost> {
        private final String stage;
        private final TensorShape in;
        private final TensorShape out;
        private final long n;

        Costs(String stage, TensorShape in, TensorShape out) {
            this.stage = stage;
            this.in = in;
            this.out = out;
            this.n = out.numel();
        }

        private LayerCost of(Node node, String kind, long lfr, long macs, long full, long params, long weights) {
            return new LayerCost(node.name(), kind, stage, in, out, lfr, macs, full, params, weights);
        }

        @Override
        public LayerCost visitConv2d(Conv2d c) {
            long cin = in.channels();
            long kk = (long) c.kernelH() * c.kernelW();
            long spatial = (long) out.height() * out.width();
            long cout = c.outChannels();
            long g = c.groups();
            long lfr = c.bias() ? Math.multiplyExact(2 * cin * kk * spatial, cout) / g
                    : Math.multiplyExact(2 * cin * kk - 1, spatial * cout) / g;
            long macs = (cin / g) * kk * spatial * cout;
            long w = c.sharedWith() != null ? 0 : cout * (cin / g) * kk + (c.bias() ? cout : 0);
            return of(c, "conv2d", lfr, macs, macs + (c.bias() ? n : 0), w, w);
        }

        @Override
        public LayerCost visitLinear(Linear l) {
            long fin = in.numel();
            long fout = l.outFeatures();
            long w = fin * fout + (l.bias() ? fout : 0);
            return of(l, "linear", 2 * fin * fout - (l.bias() ? 0 : fout), fin * fout, w, w, w);
        }

        @Override
        public LayerCost visitBatchNorm(BatchNorm b) {
            return of(b, "batchnorm", 0, 0, 2 * n, b.affine() ? 2L * in.channels() : 0, 0);
        }

        @Override
        public LayerCost visitRelu(Relu r) {
            return of(r, "relu", 0, 0, n, 0, 0);
        }

        @Override
        public LayerCost visitPRelu(PRelu p) {
            return of(p, "prelu", 0, 0, n, in.channels(), 0);
        }

        @Override
        public LayerCost visitMaxPool(MaxPool p) {
            return of(p, "maxpool", 0, 0, (long) p.kernel() * p.kernel() * n, 0, 0);
        }

        @Override
        public LayerCost visitGlobalAvgPool(GlobalAvgPool g) {
            return of(g, "global_avg_pool", 0, 0, in.numel(), 0, 0);
        }

        @Override
        public LayerCost visitResize(Resize r) {
            return of(r, "resize", 0, 0, 4 * n, 0, 0);
        }

        @Override
        public LayerCost visitPixelScale(PixelScale s) {
            return of(s, "pixel_scale", 0, 0, 2 * n, 0, 0);
        }

        @Override
        public LayerCost visitCrop(Crop c) {
            return of(c, "crop", 0, 0, 0, 0, 0);
        }

        @Override
        public LayerCost visitDropout(Dropout d) {
            return of(d, "dropout", 0, 0, 0, 0, 0);
        }

        @Override
        public LayerCost visitFlatten(Flatten f) {
            return of(f, "flatten", 0, 0, 0, 0, 0);
        }

        @Override
        public LayerCost visitSequential(Sequential s) {
            return of(s, "sequential", 0, 0, 0, 0, 0);
        }

        @Override
        public LayerCost visitConcat(Concat c) {
            return of(c, "concat", 0, 0, 0, 0, 0);
        }

        @Override
        public LayerCost visitResidual(Residual r) {
            // the add, plus the residual scale when the inference scale is not 1 (post activation is its own node)
            return of(r, "residual", 0, 0, n + (r.scale() * r.keepProb() != 1.0 ? n : 0), 0, 0);
        }

        @Override
        public LayerCost visitPolyResidual(PolyResidual p) {
            int terms = p.functions().size();
            long full = terms * n                                      // x + sum of u_k
                    + (p.scale() * p.keepProb() != 1.0 ? n : 0)        // residual scale
                    + n                                                // final ReLU
                    + (p.kind() == PolyKind.WAY ? 0 : (terms - 1) * n); // ReLU between chained functions
            return of(p, "poly_residual", 0, 0, full, 0, 0);
        }
    }
}
