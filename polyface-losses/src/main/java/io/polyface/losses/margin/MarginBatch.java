package io.polyface.losses.margin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * One validated batch as a margin loss sees it: the cosine matrix clipped to {@code [-1, 1]}, the
 * labels, the one-hot target mask and the target cosines, plus the head's full output.
 *
 * <p>Everything is vectorised over the batch: losses compute their negative logits for the whole
 * {@code [B, C]} matrix and their target logits as a column {@code [B, 1]}, then merge them with
 * {@link #withTarget}.
 */
public final class MarginBatch {

    private final NDArray cosine;
    private final NDArray labels;
    private final NDArray targetMask;
    private final NDArray targetCosine;
    private final NDList predictions;

    MarginBatch(NDArray cosine, NDArray labels, NDList predictions) {
        long batchSize = cosine.getShape().get(0);
        int numClasses = Math.toIntExact(cosine.getShape().get(1));
        this.cosine = cosine.clip(-1.0, 1.0);
        this.labels = labels;
        this.targetMask = labels.oneHot(numClasses, cosine.getDataType());
        this.targetCosine = this.cosine.gather(labels.reshape(batchSize, 1), 1);
        this.predictions = predictions;
    }

    /**
     * The cosines {@code c_ij} clipped to {@code [-1, 1]}.
     *
     * @return {@code [B, C]}
     */
    public NDArray cosine() {
        return cosine;
    }

    /**
     * The labels {@code y_i} as validated class indices.
     *
     * @return {@code [B]}, {@code int64}
     */
    public NDArray labels() {
        return labels;
    }

    /**
     * The one-hot mask of the target column, {@code 1} at {@code (i, y_i)}.
     *
     * @return {@code [B, C]}, in the cosines' floating type
     */
    public NDArray targetMask() {
        return targetMask;
    }

    /**
     * The target cosines {@code c_{i, y_i}} (clipped, with gradient).
     *
     * @return {@code [B, 1]}
     */
    public NDArray targetCosine() {
        return targetCosine;
    }

    /**
     * The head's full output; index {@code 1} holds the embedding norms {@code [B]} when the
     * predictions come from {@code MarginHead}.
     *
     * @return the predictions passed to the loss
     */
    public NDList predictions() {
        return predictions;
    }

    /**
     * The batch size {@code B}.
     *
     * @return {@code B}
     */
    public long batchSize() {
        return cosine.getShape().get(0);
    }

    /**
     * The number of classes {@code C} (columns of the cosine matrix).
     *
     * @return {@code C}
     */
    public long numClasses() {
        return cosine.getShape().get(1);
    }

    /**
     * Merges negative and target values: {@code out_ij = negatives_ij} for {@code j ≠ y_i} and
     * {@code out_{i, y_i} = target_i}; gradient flows to each operand only where it is selected.
     *
     * @param negatives values for every column {@code [B, C]} (the target column is discarded)
     * @param target values of the target column {@code [B, 1]}
     * @return {@code [B, C]}
     */
    public NDArray withTarget(NDArray negatives, NDArray target) {
        return negatives.mul(targetMask.neg().add(1.0)).add(target.mul(targetMask));
    }
}
