package io.polyface.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A convolution that reuses another convolution's weights (PolyNet's poly-N): it forwards through the
 * owner block and registers no parameters of its own, so the optimizer sees each shared weight once and
 * gradients from every use accumulate on it.
 */
final class SharedConvBlock extends AbstractBlock {

    private final Block owner;

    SharedConvBlock(Block owner) {
        this.owner = owner;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return owner.forward(ps, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return owner.getOutputShapes(inputShapes);
    }
}
