package io.polyface.losses.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.polyface.core.util.Checks;

/**
 * The classification head of the margin losses: owns the class-centre matrix {@code W [C, d]}
 * (a DJL {@link Parameter} named {@value #CENTRES}) and maps embeddings to the cosine matrix.
 *
 * <p>Forward: input {@code NDList(embeddings [B, d])}; output
 * {@code NDList(cosine [B, C], embeddingNorm [B])} where {@code cosine_ij = x̂_i · Ŵ_j}
 * (see {@link Cosines}) and {@code embeddingNorm_i = ‖x_i‖} (used by the norm-aware losses,
 * e.g. AdaFace; it carries gradient, the losses decide whether to stop it). The output indices are
 * {@link #COSINE} and {@link #EMBEDDING_NORM}. The margin losses of
 * {@code io.polyface.losses.margin} consume this list as their predictions.
 *
 * <p>The centres default to a normal initialisation with standard deviation 0.01, as InsightFace's
 * {@code arcface_torch}; only their directions matter to the cosines. Zero-norm embeddings or
 * centres give zero cosines, never NaN (see {@link Cosines#NORM_EPSILON}).
 *
 * <p>Memory: the intermediates of a forward pass live in a sub-manager of the embeddings' manager
 * and are released before returning; the outputs belong to the embeddings' manager.
 */
public final class MarginHead extends AbstractBlock {

    /** Name of the class-centre parameter {@code [C, d]}. */
    public static final String CENTRES = "centres";
    /** Index of the cosine matrix {@code [B, C]} in the forward output. */
    public static final int COSINE = 0;
    /** Index of the embedding norms {@code [B]} in the forward output. */
    public static final int EMBEDDING_NORM = 1;

    private static final byte VERSION = 1;

    private final int numClasses;
    private final int embeddingSize;
    private final Parameter centres;

    private MarginHead(Builder builder) {
        super(VERSION);
        this.numClasses = builder.numClasses;
        this.embeddingSize = builder.embeddingSize;
        this.centres = addParameter(Parameter.builder()
                .setName(CENTRES)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numClasses, embeddingSize))
                .optInitializer(builder.initializer)
                .build());
    }

    /**
     * Returns a builder; {@code setNumClasses} and {@code setEmbeddingSize} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The class-centre parameter {@code W [C, d]}.
     *
     * @return the parameter (its array exists once the block is initialised)
     */
    public Parameter getCentres() {
        return centres;
    }

    /**
     * The number of classes {@code C}.
     *
     * @return {@code C}
     */
    public int getNumClasses() {
        return numClasses;
    }

    /**
     * The embedding size {@code d}.
     *
     * @return {@code d}
     */
    public int getEmbeddingSize() {
        return embeddingSize;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the input is not {@code [B, d]} with this head's {@code d}
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray embeddings = inputs.head();
        requireEmbeddings(embeddings);
        NDArray w = parameterStore.getValue(centres, embeddings.getDevice(), training);
        return cosinesAndNorms(embeddings, w);
    }

    /**
     * Computes {@code NDList(cosine [B, C'], embeddingNorm [B])} against the given centre rows,
     * with intermediates released; used by this head and by Partial FC on a subset of the rows.
     *
     * @param embeddings the embeddings {@code [B, d]}
     * @param centreRows centre rows {@code [C', d]}
     * @return the cosine matrix and the embedding norms, in the embeddings' manager
     */
    public static NDList cosinesAndNorms(NDArray embeddings, NDArray centreRows) {
        NDManager out = embeddings.getManager();
        try (NDManager scope = out.newSubManager()) {
            embeddings.tempAttach(scope);
            centreRows.tempAttach(scope);
            NDList result = new NDList(Cosines.matrix(embeddings, centreRows), Cosines.rowNorms(embeddings));
            result.attach(out);
            return result;
        }
    }

    /**
     * Checks that {@code embeddings} is {@code [B, d]} with this head's {@code d}.
     *
     * @param embeddings the embeddings
     * @throws IllegalArgumentException if the shape is wrong
     */
    public void requireEmbeddings(NDArray embeddings) {
        Shape shape = embeddings.getShape();
        if (shape.dimension() != 2 || shape.get(1) != embeddingSize) {
            throw new IllegalArgumentException(
                    "embeddings must be [B, " + embeddingSize + "], got shape " + shape);
        }
    }

    /** {@inheritDoc} Input {@code [B, d]} gives {@code [B, C]} and {@code [B]}. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, numClasses), new Shape(batch)};
    }

    @Override
    public String toString() {
        return "MarginHead(classes=" + numClasses + ", embeddingSize=" + embeddingSize + ")";
    }

    /** Builder of {@link MarginHead}. */
    public static final class Builder {
        private int numClasses;
        private int embeddingSize;
        private Initializer initializer = new NormalInitializer(0.01f);

        private Builder() {}

        /**
         * Sets the number of classes {@code C} (required).
         *
         * @param numClasses {@code C >= 2}
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the embedding size {@code d} (required).
         *
         * @param embeddingSize {@code d >= 1}
         * @return this builder
         */
        public Builder setEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * Sets the initialiser of the centres (default: normal, standard deviation 0.01).
         *
         * @param initializer the initialiser
         * @return this builder
         */
        public Builder optInitializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /**
         * Builds the head.
         *
         * @return the head
         * @throws IllegalArgumentException if {@code C < 2}, {@code d < 1} or the initialiser is null
         */
        public MarginHead build() {
            ClassLabels.requireNumClasses(numClasses);
            Checks.requireAtLeast("embeddingSize", embeddingSize, 1);
            if (initializer == null) {
                throw new IllegalArgumentException("initializer must not be null");
            }
            return new MarginHead(this);
        }
    }
}
