package io.polyface.core.onnx;

import ai.djl.nn.Parameter;
import io.polyface.core.arch.Node;

import java.util.List;

/**
 * A spec layer that owns DJL parameters, with the ONNX initializer of each parameter, in the order the
 * exporter writes them. Shared convolutions own none and have no binding.
 *
 * @param layer the spec layer
 * @param params its parameters
 */
record LayerBinding(Node layer, List<Param> params) {

    /** Copies the list. */
    LayerBinding {
        params = List.copyOf(params);
    }

    /**
     * @param name a DJL parameter name ({@code weight}, {@code gamma}, …)
     * @return that parameter's binding
     * @throws IllegalStateException if the layer has no such parameter
     */
    Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("layer '" + layer.name() + "' has no parameter '" + name + "'");
    }

    /**
     * One DJL parameter and its ONNX initializer.
     *
     * @param name the DJL parameter name ({@code weight}, {@code bias}, {@code gamma}, {@code beta},
     *     {@code runningMean}, {@code runningVar}, {@code alpha})
     * @param tensor the initializer name, {@code <layer>.<name>}
     * @param parameter the DJL parameter
     * @param onnxDims the initializer's shape (the DJL shape, except PReLU slopes {@code [C, 1, 1]} on feature maps)
     */
    record Param(String name, String tensor, Parameter parameter, long[] onnxDims) {

        /** @return the DJL shape */
        long[] djlDims() {
            return parameter.getArray().getShape().getShape();
        }
    }
}
