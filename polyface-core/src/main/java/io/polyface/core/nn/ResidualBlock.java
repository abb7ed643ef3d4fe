package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL block of {@link io.polyface.core.arch.Residual}: {@code post(shortcut(x) + s·F(x))} with stochastic
 * depth. Training: one Bernoulli(p) draw per forward pass from the network's {@link StochasticDepth};
 * a dropped block outputs {@code post(shortcut(x))}. F is then not evaluated (as in Huang et al., "Deep Networks
 * with Stochastic Depth", ECCV 2016, Sec. 3, and the PyTorch reference of the peer runner): its parameters keep the
 * zero gradient they were given after the last step, and its batch-norm running statistics are not updated that
 * step. Where F or the shortcut draws random numbers itself (a nested stochastic-depth block, dropout), F is
 * evaluated and weighted by 0 instead, so that the draws of the blocks after it do not depend on this one's.
 * Inference: {@code post(shortcut(x) + s·p·F(x))}.
 */
final class ResidualBlock extends AbstractBlock {

    private final Block body;
    private final Block shortcut;
    private final Block post;
    private final double scale;
    private final double keepProb;
    private final StochasticDepth drops;
    private final boolean skippable;

    /**
     * @param skippable whether a dropped block may skip F: neither F nor the shortcut draws random numbers
     */
    ResidualBlock(Block body, Block shortcut, Block post, double scale, double keepProb, StochasticDepth drops, boolean skippable) {
        this.body = addChildBlock("body", body);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.post = post == null ? null : addChildBlock("post", post);
        this.scale = scale;
        this.keepProb = keepProb;
        this.drops = drops;
        this.skippable = skippable;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray skip = shortcut == null ? inputs.singletonOrThrow() : shortcut.forward(ps, inputs, training).singletonOrThrow();
        // with nothing random in F, the draw may come first: the same draws in the same order as after F
        Boolean kept = training && skippable ? drops.keep(keepProb) : null;
        if (Boolean.FALSE.equals(kept)) {
            return dropped(ps, skip, training);
        }
        NDArray f = body.forward(ps, inputs, training).singletonOrThrow();
        double s = training ? ((kept != null ? kept : drops.keep(keepProb)) ? scale : 0.0) : scale * keepProb;
        NDArray scaled = s == 1.0 ? f : ScalarOps.mul(f, s);
        NDArray y = skip.add(scaled);
        // intermediates are released at once (autograd keeps what backward needs), not at the batch's end
        if (scaled != f) {
            scaled.close();
        }
        f.close();
        if (shortcut != null) {
            skip.close();
        }
        if (post == null) {
            return new NDList(y);
        }
        NDList out = post.forward(ps, new NDList(y), training);
        ReleasingSequentialBlock.release(new NDList(y), out);
        return out;
    }

    /** A dropped block's output without evaluating F: {@code post(shortcut(x))}. */
    private NDList dropped(ParameterStore ps, NDArray skip, boolean training) {
        if (post == null) {
            // without a shortcut, a view of x: a new handle that the caller may close, x itself stays the caller's
            return new NDList(shortcut == null ? skip.reshape(skip.getShape()) : skip);
        }
        NDList out = post.forward(ps, new NDList(skip), training);
        if (shortcut != null) {
            ReleasingSequentialBlock.release(new NDList(skip), out);
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
        if (post != null) {
            post.initialize(manager, dataType, body.getOutputShapes(inputShapes));
        }
    }
}
