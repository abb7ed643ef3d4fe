package io.polyface.core.reference;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The inference forward pass of a spec computed from each layer's definition in double precision, in plain Java —
 * the fourth walker beside the DJL builder, the ONNX exporter and the FLOPs counter, and the independent oracle the
 * tests (and {@code bin/polyface selftest}) hold the native engines against on whatever processor they run.
 * Nothing here calls an engine, reorders a sum for speed or shares code with the DJL or ONNX paths.
 *
 * <p>Definitions (inference semantics, the same as the DJL blocks and the ONNX export):
 * <ul>
 *   <li>conv2d: cross-correlation {@code y[n,o,i,j] = b[o] + Σ_{c,u,v} w[o,c,u,v]·x[n, g·C/G + c, i·s_h − p_h + u,
 *       j·s_w − p_w + v]} with zero padding, {@code g} the group of {@code o}; weight {@code [O, C/G, kH, kW]};
 *       a shared convolution reads its owner's weight;</li>
 *   <li>batchnorm: {@code (x − μ)/√(σ² + ε)·γ + β} with the running statistics (γ and β are read even when the layer
 *       is not affine: DJL keeps them, fixed at 1 and 0 unless set);</li>
 *   <li>relu {@code max(x, 0)}; prelu {@code x} if {@code x > 0} else {@code a_c·x} (He et al. 2015, Eq. 1);</li>
 *   <li>maxpool: maximum over the window clipped to the input (padding never wins), output size as
 *       {@link ShapeInference} (PyTorch's ceil-mode rule);</li>
 *   <li>global average pool, flatten, linear {@code x·Wᵀ + b} with {@code W [out, in]}, dropout = identity;</li>
 *   <li>resize: bilinear with half-pixel centres and no antialiasing, source {@code (d + 0.5)·in/out − 0.5} clamped
 *       below at 0, upper neighbour clamped to the last pixel (OpenCV INTER_LINEAR, ONNX Resize linear/half_pixel);</li>
 *   <li>crop, pixel scale {@code x·scale + shift}, concat on channels;</li>
 *   <li>residual {@code post(shortcut(x) + s·p·F(x))}; poly residual {@code ReLU(x + s·p·Σ_k u_k)} with
 *       {@code u_1 = F_1(x)}, {@code u_k = F_k(ReLU(u_{k−1}))} for poly/mpoly and {@code u_k = F_k(x)} for N-way
 *       (PolyNet, Zhang et al. CVPR 2017, Sec. 3) — stochastic depth in its inference form {@code s·p}.</li>
 * </ul>
 */
public final class ReferenceForward implements NodeVisitor<UnaryOperator<ReferenceTensor>> {

    /** Where the walker reads a layer's parameter values. */
    @FunctionalInterface
    public interface Parameters {
        /**
         * @param layer the spec layer name
         * @param parameter the DJL parameter name ({@code weight}, {@code bias}, {@code gamma}, {@code beta},
         *     {@code runningMean}, {@code runningVar}, {@code alpha})
         * @return its values, row-major in DJL's shape
         * @throws IllegalArgumentException if the layer has no such parameter
         */
        float[] get(String layer, String parameter);
    }

    private final Parameters params;
    private final Map<String, ShapeInference.Shaped> shapes;
    private final Map<String, ReferenceTensor> trace;

    private ReferenceForward(ArchSpec spec, Parameters params, boolean traced) {
        this.params = params;
        this.shapes = ShapeInference.infer(spec.input(), spec.root()).byName();
        this.trace = traced ? new LinkedHashMap<>() : null;
    }

    /**
     * Runs the spec on a batch.
     *
     * @param spec the architecture (its full graph; use {@link ArchSpec#forInference()} for the embedding network)
     * @param params the layers' parameter values
     * @param input the batch {@code [N, ...spec.input()]}
     * @return the output {@code [N, ...spec.outputShape()]}
     * @throws IllegalArgumentException if the input does not have the spec's input shape or a parameter is missing
     */
    public static ReferenceTensor run(ArchSpec spec, Parameters params, ReferenceTensor input) {
        return new ReferenceForward(spec, params, false).apply(spec, input);
    }

    /**
     * Runs the spec and keeps every layer's output, to find the first layer where an engine disagrees.
     *
     * @param spec the architecture
     * @param params the layers' parameter values
     * @param input the batch {@code [N, ...spec.input()]}
     * @return each layer's output by layer name, in execution order (composites are not listed)
     * @throws IllegalArgumentException as {@link #run}
     */
    public static Map<String, ReferenceTensor> trace(ArchSpec spec, Parameters params, ReferenceTensor input) {
        ReferenceForward walker = new ReferenceForward(spec, params, true);
        walker.apply(spec, input);
        return walker.trace;
    }

    private ReferenceTensor apply(ArchSpec spec, ReferenceTensor input) {
        int[] want = spec.input().dims();
        boolean ok = input.shape().length == want.length + 1;
        for (int i = 0; ok && i < want.length; i++) {
            ok = input.shape()[i + 1] == want[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("reference input of architecture '" + spec.name() + "' must be [N, "
                    + spec.input() + "], got " + java.util.Arrays.toString(input.shape()));
        }
        return spec.root().accept(this).apply(input);
    }

    private UnaryOperator<ReferenceTensor> layer(Node node, UnaryOperator<ReferenceTensor> op) {
        if (trace == null) {
            return op;
        }
        return x -> {
            ReferenceTensor y = op.apply(x);
            trace.put(node.name(), y);
            return y;
        };
    }

    /** The operators of {@code nodes}, in order. */
    private List<UnaryOperator<ReferenceTensor>> compile(List<Node> nodes) {
        List<UnaryOperator<ReferenceTensor>> ops = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            ops.add(n.accept(this));
        }
        return ops;
    }

    private TensorShape out(Node node) {
        return shapes.get(node.name()).output();
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitConv2d(Conv2d c) {
        String owner = c.sharedWith() != null ? c.sharedWith() : c.name();
        TensorShape o = out(c);
        float[] w = params.get(owner, "weight");
        float[] b = c.bias() ? params.get(owner, "bias") : null;
        return layer(c, x -> Layers.conv2d(x, w, b, c, o.height(), o.width()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitBatchNorm(BatchNorm b) {
        float[] gamma = params.get(b.name(), "gamma");
        float[] beta = params.get(b.name(), "beta");
        float[] mean = params.get(b.name(), "runningMean");
        float[] var = params.get(b.name(), "runningVar");
        return layer(b, x -> Layers.batchNorm(x, gamma, beta, mean, var, b.eps()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitRelu(Relu r) {
        return layer(r, Layers::relu);
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitPRelu(PRelu p) {
        float[] alpha = params.get(p.name(), "alpha");
        return layer(p, x -> Layers.prelu(x, alpha));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitMaxPool(MaxPool p) {
        TensorShape o = out(p);
        return layer(p, x -> Layers.maxPool(x, p.kernel(), p.stride(), p.padding(), o.height(), o.width()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitGlobalAvgPool(GlobalAvgPool g) {
        return layer(g, Layers::globalAvgPool);
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitDropout(Dropout d) {
        return layer(d, x -> x);
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitFlatten(Flatten f) {
        return layer(f, x -> new ReferenceTensor(new int[] {x.batch(), x.data().length / x.batch()}, x.data()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitLinear(Linear l) {
        float[] w = params.get(l.name(), "weight");
        float[] b = l.bias() ? params.get(l.name(), "bias") : null;
        return layer(l, x -> Layers.linear(x, w, b, l.outFeatures()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitResize(Resize r) {
        return layer(r, x -> Layers.bilinear(x, r.height(), r.width()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitCrop(Crop c) {
        return layer(c, x -> Layers.crop(x, c.top(), c.left(), c.height(), c.width()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitPixelScale(PixelScale s) {
        return layer(s, x -> Layers.affine(x, s.scale(), s.shift()));
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitSequential(Sequential s) {
        List<UnaryOperator<ReferenceTensor>> ops = compile(s.nodes());
        return x -> {
            ReferenceTensor y = x;
            for (UnaryOperator<ReferenceTensor> op : ops) {
                y = op.apply(y);
            }
            return y;
        };
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitConcat(Concat c) {
        List<UnaryOperator<ReferenceTensor>> branches = compile(c.branches());
        return x -> {
            List<ReferenceTensor> heads = new ArrayList<>();
            for (UnaryOperator<ReferenceTensor> b : branches) {
                heads.add(b.apply(x));
            }
            return Layers.concatChannels(heads);
        };
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitResidual(Residual r) {
        UnaryOperator<ReferenceTensor> body = r.body().accept(this);
        UnaryOperator<ReferenceTensor> shortcut = r.shortcut() == null ? null : r.shortcut().accept(this);
        UnaryOperator<ReferenceTensor> post = r.post() == null ? null : r.post().accept(this);
        double s = r.scale() * r.keepProb();
        return x -> {
            ReferenceTensor skip = shortcut == null ? x : shortcut.apply(x);
            ReferenceTensor y = Layers.addScaled(skip, body.apply(x), s);
            return post == null ? y : post.apply(y);
        };
    }

    @Override
    public UnaryOperator<ReferenceTensor> visitPolyResidual(PolyResidual p) {
        List<UnaryOperator<ReferenceTensor>> fs = compile(p.functions());
        double s = p.scale() * p.keepProb();
        return x -> {
            ReferenceTensor sum = null;
            ReferenceTensor u = null;
            for (UnaryOperator<ReferenceTensor> f : fs) {
                ReferenceTensor in = (p.kind() == PolyKind.WAY || u == null) ? x : Layers.relu(u);
                u = f.apply(in);
                sum = sum == null ? u : Layers.addScaled(sum, u, 1.0);
            }
            return Layers.relu(Layers.addScaled(x, sum, s));
        };
    }
}
