package io.polyface.core.onnx;

import io.polyface.core.nn.OwnedArrays;

/**
 * New values for one DJL parameter, checked against its shape before anything is written.
 *
 * @param param the parameter
 * @param values row-major values, as many as the parameter has elements
 */
record Assignment(LayerBinding.Param param, float[] values) {

    /** Checks the count. */
    Assignment {
        long n = param.parameter().getArray().size();
        if (values.length != n) {
            throw new IllegalStateException("parameter '" + param.tensor() + "' has " + n + " elements, got " + values.length);
        }
    }

    /** Copies the values into the parameter in place (its gradient attachment is kept). */
    void apply() {
        OwnedArrays.assign(param.parameter().getArray(), values);
    }
}
