package io.polyface.core.arch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape inference over a spec graph. Every node gets its per-sample input and output shape; a node whose
 * input does not fit (wrong rank, window larger than the map, residual or concat shape mismatch) is
 * rejected with an {@link IllegalArgumentException} naming the node and the shapes.
 */
public final class ShapeInference {

    private ShapeInference() {}

    /**
     * A node with its shapes and its top-level stage.
     *
     * @param node the node
     * @param stage the name of the top-level child of the root that contains it (the root's name for the root)
     * @param input per-sample input shape
     * @param output per-sample output shape
     */
    public record Shaped(Node node, String stage, TensorShape input, TensorShape output) {}

    /**
     * The shapes of every node.
     *
     * @param nodes every node in execution order; a composite comes after its children
     * @param output the graph's output shape
     */
    public record Result(List<Shaped> nodes, TensorShape output) {

        /**
         * @param name a node name
         * @return that node's shapes
         * @throws IllegalArgumentException if no node has that name
         */
        public Shaped shapeOf(String name) {
            for (Shaped s : nodes) {
                if (s.node().name().equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no node named '" + name + "'");
        }

        /** @return the nodes by name */
        public Map<String, Shaped> byName() {
            Map<String, Shaped> m = new LinkedHashMap<>();
            nodes.forEach(s -> m.put(s.node().name(), s));
            return m;
        }
    }

    /**
     * Infers every node's shapes.
     *
     * @param input per-sample input shape
     * @param root the graph
     * @return the shapes
     * @throws IllegalArgumentException naming the node and the shapes when they do not fit
     */
    public static Result infer(TensorShape input, Node root) {
        List<Shaped> out = new ArrayList<>();
        TensorShape y;
        if (root instanceof Sequential s) {
            TensorShape x = input;
            for (Node stage : s.nodes()) {
                x = walk(stage, x, stage.name(), out);
            }
            out.add(new Shaped(root, root.name(), input, x));
            y = x;
        } else {
            y = walk(root, input, root.name(), out);
        }
        return new Result(List.copyOf(out), y);
    }

    private static TensorShape walk(Node node, TensorShape x, String stage, List<Shaped> out) {
        TensorShape y;
        if (node instanceof Sequential s) {
            TensorShape t = x;
            for (Node n : s.nodes()) {
                t = walk(n, t, stage, out);
            }
            y = t;
        } else if (node instanceof Concat c) {
            int channels = 0;
            TensorShape first = null;
            for (Node b : c.branches()) {
                TensorShape t = walk(b, x, stage, out);
                requireMap(c, t);
                if (first != null && (t.height() != first.height() || t.width() != first.width())) {
                    throw new IllegalArgumentException("concat '" + c.name() + "': branch '" + b.name() + "' outputs "
                            + t + " but the first branch outputs " + first + " (H and W must agree)");
                }
                first = first == null ? t : first;
                channels += t.channels();
            }
            y = TensorShape.chw(channels, first.height(), first.width());
        } else if (node instanceof Residual r) {
            TensorShape body = walk(r.body(), x, stage, out);
            TensorShape skip = r.shortcut() == null ? x : walk(r.shortcut(), x, stage, out);
            if (!body.equals(skip)) {
                throw new IllegalArgumentException("residual '" + r.name() + "': body outputs " + body + " but the "
                        + (r.shortcut() == null ? "identity shortcut carries " : "shortcut outputs ") + skip);
            }
            y = r.post() == null ? body : walk(r.post(), body, stage, out);
        } else if (node instanceof PolyResidual p) {
            for (Node f : p.functions()) {
                TensorShape t = walk(f, x, stage, out);
                if (!t.equals(x)) {
                    throw new IllegalArgumentException("poly_residual '" + p.name() + "': function '" + f.name()
                            + "' maps " + x + " to " + t + "; each function must keep the shape");
                }
            }
            y = x;
        } else {
            y = layer(node, x);
        }
        out.add(new Shaped(node, stage, x, y));
        return y;
    }

    /**
     * The output shape of one layer (not a composite).
     *
     * @param node the layer
     * @param x its per-sample input shape
     * @return the output shape
     * @throws IllegalArgumentException if the input does not fit
     */
    static TensorShape layer(Node node, TensorShape x) {
        return node.accept(new LayerShapes(x));
    }

    /** Output shapes of the layer types for one input shape. */
    private static final class LayerShapes implements NodeVisitor<TensorShape> {
        private final TensorShape x;

        LayerShapes(TensorShape x) {
            this.x = x;
        }

        @Override
        public TensorShape visitConv2d(Conv2d c) {
            requireMap(c, x);
            if (x.channels() % c.groups() != 0) {
                throw new IllegalArgumentException("conv2d '" + c.name() + "': input " + x + " has "
                        + x.channels() + " channels, not divisible by groups " + c.groups());
            }
            int h = convOut(c, x.height(), c.kernelH(), c.strideH(), c.padH(), x);
            int w = convOut(c, x.width(), c.kernelW(), c.strideW(), c.padW(), x);
            return TensorShape.chw(c.outChannels(), h, w);
        }

        @Override
        public TensorShape visitMaxPool(MaxPool p) {
            requireMap(p, x);
            return TensorShape.chw(x.channels(), poolOut(p, x.height(), x), poolOut(p, x.width(), x));
        }

        @Override
        public TensorShape visitGlobalAvgPool(GlobalAvgPool g) {
            requireMap(g, x);
            return TensorShape.chw(x.channels(), 1, 1);
        }

        @Override
        public TensorShape visitFlatten(Flatten f) {
            return TensorShape.of(Math.toIntExact(x.numel()));
        }

        @Override
        public TensorShape visitLinear(Linear l) {
            if (x.rank() != 1) {
                throw new IllegalArgumentException("linear '" + l.name() + "': expects a flat [F] input, got " + x
                        + " (add a flatten before it)");
            }
            return TensorShape.of(l.outFeatures());
        }

        @Override
        public TensorShape visitResize(Resize r) {
            requireMap(r, x);
            return TensorShape.chw(x.channels(), r.height(), r.width());
        }

        @Override
        public TensorShape visitCrop(Crop c) {
            requireMap(c, x);
            if (c.top() + c.height() > x.height() || c.left() + c.width() > x.width()) {
                throw new IllegalArgumentException("crop '" + c.name() + "': window rows " + c.top() + ".."
                        + (c.top() + c.height() - 1) + ", cols " + c.left() + ".." + (c.left() + c.width() - 1)
                        + " does not fit input " + x);
            }
            return TensorShape.chw(x.channels(), c.height(), c.width());
        }

        @Override
        public TensorShape visitBatchNorm(BatchNorm b) {
            if (x.rank() != 1 && x.rank() != 3) {
                throw new IllegalArgumentException("batchnorm '" + b.name() + "': expects [C,H,W] or [F], got " + x);
            }
            return x;
        }

        @Override
        public TensorShape visitRelu(Relu r) {
            return x;
        }

        @Override
        public TensorShape visitPRelu(PRelu p) {
            return x;
        }

        @Override
        public TensorShape visitDropout(Dropout d) {
            return x;
        }

        @Override
        public TensorShape visitPixelScale(PixelScale s) {
            return x;
        }

        @Override
        public TensorShape visitSequential(Sequential s) {
            throw new IllegalStateException("not a layer: " + s.name());
        }

        @Override
        public TensorShape visitConcat(Concat c) {
            throw new IllegalStateException("not a layer: " + c.name());
        }

        @Override
        public TensorShape visitResidual(Residual r) {
            throw new IllegalStateException("not a layer: " + r.name());
        }

        @Override
        public TensorShape visitPolyResidual(PolyResidual p) {
            throw new IllegalStateException("not a layer: " + p.name());
        }
    }

    private static int convOut(Conv2d c, int in, int k, int s, int p, TensorShape x) {
        int span = in + 2 * p - k;
        if (span < 0) {
            throw new IllegalArgumentException("conv2d '" + c.name() + "': kernel " + c.kernelH() + "x" + c.kernelW()
                    + " with padding " + c.padH() + "x" + c.padW() + " does not fit input " + x);
        }
        return span / s + 1;
    }

    private static int poolOut(MaxPool p, int in, TensorShape x) {
        int span = in + 2 * p.padding() - p.kernel();
        if (span < 0) {
            throw new IllegalArgumentException("maxpool '" + p.name() + "': window " + p.kernel() + " does not fit input " + x);
        }
        if (!p.ceilMode()) {
            return span / p.stride() + 1;
        }
        int out = (span + p.stride() - 1) / p.stride() + 1;
        if ((long) (out - 1) * p.stride() >= in + p.padding()) {
            out--; // PyTorch: the last window must start inside the input or left padding
        }
        return out;
    }

    private static void requireMap(Node n, TensorShape x) {
        if (!x.isMap()) {
            throw new IllegalArgumentException(n.getClass().getSimpleName().toLowerCase() + " '" + n.name()
                    + "': expects a [C,H,W] feature map, got " + x);
        }
    }
}
