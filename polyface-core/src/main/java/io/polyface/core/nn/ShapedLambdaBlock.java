package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.polyface.core.arch.TensorShape;

import java.util.function.UnaryOperator;

/**
 * A parameter-free layer (ReLU, resize, crop, pixel scaling, flatten, global pooling) whose output shape
 * comes from the spec's shape inference rather than from a trial forward pass.
 */
final class ShapedLambdaBlock extends AbstractBlock {

    private final UnaryOperator<NDArray> op;
    private final TensorShape output;

    ShapedLambdaBlock(UnaryOperator<NDArray> op, TensorShape output) {
        this.op = op;
        this.output = output;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(op.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(output.withBatch(inputShapes[0].get(0)))};
    }
}
