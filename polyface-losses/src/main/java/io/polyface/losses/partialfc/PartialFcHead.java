package io.polyface.losses.partialfc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.polyface.losses.head.MarginHead;

/**
 * Partial FC (sampled softmax): a {@link MarginHead} whose training forward keeps only the batch's
 * positive class centres and a random fraction {@code r} of the negatives (see
 * {@link ClassSampler}).
 *
 * <p>Training forward with labels ({@code Trainer.forward(data, labels)}, i.e.
 * {@code forward(parameterStore, NDList(embeddings [B, d]), NDList(labels [B]), params)}):
 * output {@code NDList(cosine [B, C'], embeddingNorm [B], localLabels [B], classes [C'])} where
 * the cosines are against the kept centres {@code W[classes]} only and {@code localLabels} index
 * into them; the gradient reaches only the kept rows of {@code W}. Pair it with
 * {@link PartialFcLoss}, which feeds {@code localLabels} to the margin loss. Without labels
 * (inference, validation) the forward is the wrapped head's: all {@code C} cosines.
 *
 * <p>The centre parameter is the wrapped head's ({@link #getCentres()}), so it can be regularised
 * or exported the same way. Source: X. An et al., "Partial FC", ICCV Workshops 2021.
 */
public final class PartialFcHead extends AbstractBlock {

    /** Index of the re-indexed labels {@code [B]} in the training output. */
    public static final int LOCAL_LABELS = 2;
    /** Index of the kept class indices {@code [C']} in the training output. */
    public static final int CLASSES = 3;

    private static final byte VERSION = 1;

    private final MarginHead head;
    private final ClassSampler sampler;

    /**
     * Wraps a margin head.
     *
     * @param head the head owning the centres {@code [C, d]}
     * @param sampleRate the fraction {@code r ∈ (0, 1]} of negative classes kept per step
     * @throws IllegalArgumentException if {@code r} is outside {@code (0, 1]}
     */
    public PartialFcHead(MarginHead head, double sampleRate) {
        super(VERSION);
        this.head = addChildBlock("head", head);
        this.sampler = ClassSampler.builder()
                .setNumClasses(head.getNumClasses())
                .optSampleRate(sampleRate)
                .build();
    }

    /**
     * The wrapped head.
     *
     * @return the head
     */
    public MarginHead getHead() {
        return head;
    }

    /**
     * The class-centre parameter {@code W [C, d]} (the wrapped head's).
     *
     * @return the parameter
     */
    public Parameter getCentres() {
        return head.getCentres();
    }

    /**
     * The class sampler.
     *
     * @return the sampler
     */
    public ClassSampler getSampler() {
        return sampler;
    }

    /** Forward without labels: the wrapped head's full cosine matrix and norms. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return head.forward(parameterStore, inputs, training, params);
    }

    /**
     * Training forward with labels: cosines against the sampled centres only.
     *
     * @throws IllegalArgumentException if the embeddings are not {@code [B, d]} or a label is not an
     *     integer class index in {@code [0, C)}
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList data, NDList labels, PairList<String, Object> params) {
        NDArray embeddings = data.head();
        head.requireEmbeddings(embeddings);
        ClassSample sample = sampler.sample(labels.head());
        NDArray w = parameterStore.getValue(head.getCentres(), embeddings.getDevice(), true);
        NDArray keptCentres = w.get(sample.classes());
        NDList result = MarginHead.cosinesAndNorms(embeddings, keptCentres);
        keptCentres.close();
        result.add(sample.localLabels());
        result.add(sample.classes());
        return result;
    }

    /** {@inheritDoc} Without labels: {@code [B, C]} and {@code [B]}, as the wrapped head. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        head.initialize(manager, dataType, inputShapes);
    }
}
