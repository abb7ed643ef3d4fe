package io.polyface.core.djl;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.L2;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.RgbImage;

import java.awt.image.BufferedImage;

/**
 * A DJL {@link Translator} for face-embedding models: an aligned face as a DJL {@link Image} in, its embedding
 * out, on any engine (ONNX Runtime for {@code .onnx} files, PyTorch for a spec-built network; see
 * {@link FaceEmbeddingModels}).
 *
 * <p><b>Input.</b> The image is converted to RGB floats on the 0..255 scale (as {@link RgbImage#fromBufferedImage}
 * reads it: grey images by value, others as sRGB, alpha dropped), resized to the model input with core's
 * bilinear rule ({@link RgbImage#resize}, OpenCV {@code INTER_LINEAR} semantics; nothing happens at the input
 * size), and written as a {@code [3, H, W]} float tensor of {@code (pixel − mean) / std} in the preprocessing's
 * channel order ({@link NchwTensors}). This is exactly what {@link FaceEmbedder} is fed for the same resized
 * crop, so both give the same embedding. No detection or alignment happens here.
 *
 * <p><b>Output.</b> The model's first output, one {@code [D]} row per image, as a fresh {@code float[]}; with
 * L2 normalisation (the default, as {@link FaceEmbedder}) scaled to unit length so that cosine similarity is a
 * dot product (an all-zero or non-finite output is an IllegalArgumentException, the policy of {@link L2}). Batches are stacked along a new first axis
 * ({@link Batchifier#STACK}), so {@code Predictor.batchPredict} runs one {@code [N, 3, H, W]} forward pass; a
 * model with a fixed batch dimension (e.g. ../shared/models/fr_feature.onnx, batch 1) takes exactly that many
 * images per call ({@link Builder#optFixedBatchSize}).
 */
public final class FaceEmbeddingTranslator implements Translator<Image, float[]> {

    private final Preprocessing preprocessing;
    private final boolean l2Normalize;
    private final int embeddingSize;
    private final int fixedBatchSize;

    private FaceEmbeddingTranslator(Builder b) {
        this.preprocessing = b.preprocessing;
        this.l2Normalize = b.l2Normalize;
        this.embeddingSize = b.embeddingSize;
        this.fixedBatchSize = b.fixedBatchSize;
    }

    /** @return a builder; {@link Builder#setPreprocessing} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the preprocessing in use */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** @return whether outputs are scaled to unit length */
    public boolean l2Normalize() {
        return l2Normalize;
    }

    /** @return the expected embedding size, 0 when any size is accepted */
    public int embeddingSize() {
        return embeddingSize;
    }

    /** @return the model's fixed batch size, 0 when its batch dimension is dynamic */
    public int fixedBatchSize() {
        return fixedBatchSize;
    }

    /**
     * Converts an image to the model input.
     *
     * @param ctx the translator context (its manager owns the tensor)
     * @param input the face image, any size
     * @return one {@code [3, H, W]} float32 tensor
     */
    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        int w = preprocessing.inputWidth();
        int h = preprocessing.inputHeight();
        RgbImage face = toRgb(input).resize(w, h);
        float[] chw = new float[3 * w * h];
        NchwTensors.write(face, preprocessing.normalization(), chw, 0);
        return new NDList(ctx.getNDManager().create(chw, new Shape(3, h, w)));
    }

    /**
     * Reads one embedding.
     *
     * @param ctx the translator context
     * @param list the model's outputs for one image (batch axis removed)
     * @return a fresh {@code [D]} embedding
     * @throws IllegalStateException if the model gave no output, or its first output is not a {@code [D]} row
     *     (of the expected size, when known)
     */
    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        if (list.isEmpty()) {
            throw new IllegalStateException("the face-embedding model returned no output");
        }
        NDArray out = list.get(0);
        Shape shape = out.getShape();
        if (shape.dimension() != 1 || (embeddingSize > 0 && shape.get(0) != embeddingSize)) {
            throw new IllegalStateException("the face-embedding model's first output is " + shape + " per image; expected ("
                    + (embeddingSize > 0 ? Integer.toString(embeddingSize) : "D") + ") — an [N, D] embedding output");
        }
        float[] v = out.toType(DataType.FLOAT32, false).toFloatArray();
        return l2Normalize ? L2.normalize(v, "the embedding") : v;
    }

    /**
     * @return {@link Batchifier#STACK}; for a model with a fixed batch size, one that first checks the number of
     *     images (DJL cannot pad a batch, so {@code batchPredict} on such a model needs exactly that many)
     */
    @Override
    public Batchifier getBatchifier() {
        return fixedBatchSize > 0 ? new FixedBatch(fixedBatchSize) : Batchifier.STACK;
    }

    /** {@link Batchifier#STACK} for a model whose batch dimension is fixed: a wrong count fails with a clear reason. */
    private record FixedBatch(int size) implements Batchifier {
        @Override
        public NDList batchify(NDList[] inputs) {
            if (inputs.length != size) {
                throw new IllegalArgumentException("the model has a fixed batch size of " + size + " but " + inputs.length
                        + " images were given at once; predict " + size + " at a time");
            }
            return Batchifier.STACK.batchify(inputs);
        }

        @Override
        public NDList[] unbatchify(NDList inputs) {
            return Batchifier.STACK.unbatchify(inputs);
        }
    }

    private static RgbImage toRgb(Image image) {
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        if (image.getWrappedImage() instanceof BufferedImage b) {
            return RgbImage.fromBufferedImage(b);
        }
        // another ImageFactory (e.g. OpenCV's): go through DJL's own HWC RGB uint8 view, on a scratch manager
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            NDArray hwc = image.toNDArray(m, Image.Flag.COLOR);
            int[] values = hwc.toUint8Array();
            float[] rgb = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                rgb[i] = values[i] & 0xff;
            }
            return RgbImage.of(image.getWidth(), image.getHeight(), rgb);
        }
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private Preprocessing preprocessing;
        private boolean l2Normalize = true;
        private int embeddingSize;
        private int fixedBatchSize;

        private Builder() {}

        /**
         * @param preprocessing input size and pixel normalisation (required; for our models
         *     {@link FaceEmbedder#preprocessingFromModel} reads it from the ONNX metadata)
         * @return this builder
         */
        public Builder setPreprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing;
            return this;
        }

        /**
         * @param l2Normalize whether to scale each embedding to unit length; default true
         * @return this builder
         */
        public Builder optL2Normalize(boolean l2Normalize) {
            this.l2Normalize = l2Normalize;
            return this;
        }

        /**
         * @param embeddingSize the expected embedding size {@code D}, checked on every output; 0 (default) accepts any
         * @return this builder
         */
        public Builder optEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * @param fixedBatchSize the model's fixed batch size, so that a batch of another size fails with a clear
         *     reason; 0 (default) for a dynamic batch dimension
         * @return this builder
         */
        public Builder optFixedBatchSize(int fixedBatchSize) {
            this.fixedBatchSize = fixedBatchSize;
            return this;
        }

        /**
         * @return the translator
         * @throws IllegalArgumentException if no preprocessing was set or a size is negative
         */
        public FaceEmbeddingTranslator build() {
            if (preprocessing == null) {
                throw new IllegalArgumentException("preprocessing is required (input size, channel order, mean, std)");
            }
            if (embeddingSize < 0) {
                throw new IllegalArgumentException("embeddingSize " + embeddingSize + ": expected >= 0 (0 = any)");
            }
            if (fixedBatchSize < 0) {
                throw new IllegalArgumentException("fixedBatchSize " + fixedBatchSize + ": expected >= 0 (0 = dynamic)");
            }
            return new FaceEmbeddingTranslator(this);
        }
    }
}
