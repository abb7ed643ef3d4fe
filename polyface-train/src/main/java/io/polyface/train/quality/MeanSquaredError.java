package io.polyface.train.quality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * {@code mean((label − prediction)²)} over all elements; predictions are reshaped to the label's shape
 * ({@code [N, 1]}). Equals DJL's {@code Loss.l2Loss(name, 1)}, without its multiplication by a Java number, whose
 * scalar the backward pass would read from freed memory on the PyTorch engine (see
 * {@code io.polyface.core.nn.ScalarOps}).
 */
final class MeanSquaredError extends Loss {

    MeanSquaredError(String name) {
        super(name);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray label = labels.singletonOrThrow();
        NDArray prediction = predictions.singletonOrThrow().reshape(label.getShape());
        return label.sub(prediction).square().mean();
    }
}
