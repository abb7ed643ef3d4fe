package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.polyface.core.arch.PolyKind;

import java.util.ArrayList;
import java.util.List;

/**
 * DJL block of {@link io.polyface.core.arch.PolyResidual} (PolyNet, Zhang et al. CVPR 2017):
 * chained kinds u₁ = F₁(x), u_k = F_k(ReLU(u_{k−1})); N-way u_k = F_k(x); output ReLU(x + s·Σ u_k), with
 * stochastic depth on the whole sum exactly as {@link ResidualBlock} (a dropped block skips its functions unless one
 * of them draws random numbers or an activation tap is listening).
 */
final class PolyResidualBlock extends AbstractBlock {

    private final PolyKind kind;
    private final List<Block> functions = new ArrayList<>();
    private final double scale;
    private final double keepProb;
    private final StochasticDepth drops;
    private final String name;
    private final ActivationTap tap;
    private final boolean skippable;

    PolyResidualBlock(PolyKind kind, List<Block> functions, double scale, double keepProb, StochasticDepth drops,
                      String name, ActivationTap tap, boolean skippable) {
        this.kind = kind;
        for (int i = 0; i < functions.size(); i++) {
            this.functions.add(addChildBlock("f" + i, functions.get(i)));
        }
        this.scale = scale;
        this.keepProb = keepProb;
        this.drops = drops;
        this.name = name;
        this.tap = tap;
        this.skippable = skippable;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // with nothing random in the functions, the draw may come first: the same draws in the same order
        Boolean kept = training && skippable ? drops.keep(keepProb) : null;
        if (Boolean.FALSE.equals(kept)) {
            return new NDList(relu(name + ".relu", x));
        }
        NDArray sum = null;
        NDArray u = null;
        for (int k = 0; k < functions.size(); k++) {
            Block f = functions.get(k);
            NDArray in = (kind == PolyKind.WAY || u == null) ? x : relu(name + ".relu" + k, u);
            u = f.forward(ps, new NDList(in), training).singletonOrThrow();
            sum = sum == null ? u : sum.add(u);
        }
        double s = training ? ((kept != null ? kept : drops.keep(keepProb)) ? scale : 0.0) : scale * keepProb;
        return new NDList(relu(name + ".relu", x.add(ScalarOps.mul(sum, s))));
    }

    private NDArray relu(String layer, NDArray in) {
        if (tap != null) {
            tap.preActivation(layer, in);
        }
        return Activation.relu(in);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block f : functions) {
            f.initialize(manager, dataType, inputShapes);
        }
    }
}
