package io.polyface.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Runs an initialised network on its {@code [N, C, H, W]} input converted to channels-last memory layout
 * ({@link MemoryFormats#channelsLast}); same values and shapes, the network's parameters are its own.
 */
final class ChannelsLastInput extends AbstractBlock {

    private final Block network;

    ChannelsLastInput(Block network) {
        this.network = addChildBlock("network", network);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return network.forward(ps, new NDList(MemoryFormats.channelsLast(inputs.singletonOrThrow())), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }
}
