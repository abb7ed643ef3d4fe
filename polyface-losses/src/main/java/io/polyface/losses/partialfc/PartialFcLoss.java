package io.polyface.losses.partialfc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.polyface.losses.head.MarginHead;

/**
 * A margin loss evaluated on Partial FC's sampled classes.
 *
 * <p>When the predictions come from {@link PartialFcHead}'s training forward (they hold
 * {@code localLabels} at {@link PartialFcHead#LOCAL_LABELS}), the wrapped loss receives
 * {@code labels = NDList(localLabels)} and {@code predictions = NDList(cosine [B, C'],
 * embeddingNorm [B])}; otherwise (full cosines, e.g. validation) it receives the inputs unchanged.
 * Label smoothing then spreads {@code ε} over the {@code C'} kept classes.
 */
public final class PartialFcLoss extends Loss {

    private final Loss loss;

    /**
     * Wraps a loss over the cosine matrix, e.g. a margin loss.
     *
     * @param loss the loss
     * @throws IllegalArgumentException if {@code loss} is null
     */
    public PartialFcLoss(Loss loss) {
        super(requireLoss(loss).getName() + "@partial-fc");
        this.loss = loss;
    }

    /**
     * The wrapped loss.
     *
     * @return the loss
     */
    public Loss wrappedLoss() {
        return loss;
    }

    /**
     * Evaluates the wrapped loss on the sampled classes (or on all classes without sampling).
     *
     * @param labels {@code NDList(labels [B])}, the global labels (ignored when sampled)
     * @param predictions the output of {@link PartialFcHead} (or of {@link MarginHead})
     * @return the scalar loss
     * @throws IllegalArgumentException from the wrapped loss
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions.size() > PartialFcHead.LOCAL_LABELS) {
            NDList sampledPredictions = new NDList(
                    predictions.get(MarginHead.COSINE), predictions.get(MarginHead.EMBEDDING_NORM));
            return loss.evaluate(new NDList(predictions.get(PartialFcHead.LOCAL_LABELS)), sampledPredictions);
        }
        return loss.evaluate(labels, predictions);
    }

    private static Loss requireLoss(Loss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        return loss;
    }
}
