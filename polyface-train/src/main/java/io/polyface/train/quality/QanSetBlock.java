package io.polyface.train.quality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.polyface.losses.head.MarginHead;

/**
 * The training graph of recipe (a): QAN's set feature fed to a margin head.
 *
 * <p>Input {@code NDList(frames [B·n, 3, H, W], embeddings [B, n, d])}: {@code B} sets of {@code n}
 * frames, the frames of set {@code b} at rows {@code b·n … b·n + n − 1}, and their frozen embeddings.
 * The quality network scores every frame, {@code s [B, n]}; QAN's quality is
 * {@code μ = sigmoid(s)}, its set feature {@code R_b = Σ_i μ_bi f_bi / Σ_i μ_bi} (Liu et al., "Quality
 * Aware Network for Set to Set Recognition", CVPR 2017, Sec. 3; spec {@code aggregation-and-evaluation.md},
 * QAN) — exactly {@link io.polyface.aggregation.Qan} without normalisation. Output: the
 * {@link MarginHead} of {@code R}, {@code NDList(cosine [B, C], norm [B])}, for a margin loss on set
 * features with identity labels. The embeddings carry no gradient (the frame-embedding network is frozen).
 */
final class QanSetBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block quality;
    private final MarginHead head;

    QanSetBlock(Block quality, MarginHead head) {
        super(VERSION);
        this.quality = addChildBlock("quality", quality);
        this.head = addChildBlock("head", head);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray frames = inputs.get(0);
        NDArray embeddings = inputs.get(1);
        Shape es = embeddings.getShape();
        if (es.dimension() != 3 || frames.getShape().get(0) != es.get(0) * es.get(1)) {
            throw new IllegalArgumentException("QAN set input: frames " + frames.getShape() + " and embeddings " + es
                    + "; expected [B*n, 3, H, W] and [B, n, d]");
        }
        NDArray scores = quality.forward(parameterStore, new NDList(frames), training).head().reshape(es.get(0), es.get(1));
        NDArray mu = Activation.sigmoid(scores);
        NDArray weights = mu.div(mu.sum(new int[] {1}, true));
        NDArray setFeatures = weights.expandDims(2).mul(embeddings).sum(new int[] {1});
        return head.forward(parameterStore, new NDList(setFeatures), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {new Shape(inputShapes[1].get(0), inputShapes[1].get(2))});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        quality.initialize(manager, dataType, inputShapes[0]);
        head.initialize(manager, dataType, new Shape(inputShapes[1].get(0), inputShapes[1].get(2)));
    }
}
