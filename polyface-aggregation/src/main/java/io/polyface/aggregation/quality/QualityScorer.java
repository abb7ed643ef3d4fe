package io.polyface.aggregation.quality;

import io.polyface.core.ort.OrtModelBuilder;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.RgbImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-frame quality scores from an exported quality network (the {@code qan-quality} preset, or any
 * ONNX model with one image input {@code [N, 3, H, W]} and one output {@code [N, 1]}), run by ONNX
 * Runtime on aligned face crops. The score is the network's raw output: what {@link
 * io.polyface.aggregation.QanPlusPlus} takes as {@code q_i} and {@link io.polyface.aggregation.Qan}
 * passes through a sigmoid (spec {@code aggregation-and-evaluation.md}, Aggregation). Higher means a
 * more useful frame.
 *
 * <p><b>Preprocessing and batching are core's {@link FaceEmbedder}</b>, used with L2 normalisation
 * off: the same model loading ({@code ort.OrtSessions}), shape checks, batching (dynamic or fixed batch
 * dimension), image-to-tensor conversion ({@code NchwTensors}) and metadata-driven preprocessing
 * ({@link Preprocessing#fromMetadata}). A PolyFace export of {@code qan-quality} records its input
 * convention in its metadata — {@code 112×112}, BGR, mean 0, std 1, i.e. raw 0..255 pixels, the model
 * itself crops, resizes and scales them ({@code shared/spec/architectures.md}, quality net) — so it needs
 * no settings; a foreign model without {@code polyface.*} metadata needs {@link Builder#optPreprocessing}.
 *
 * <p>With {@link Builder#optFlip(boolean)} the score is the mean of the raw scores of the frame and its
 * horizontal mirror (as flip test-time augmentation of embeddings; off by default).
 *
 * <p>Thread-safe; {@link #close()} releases the ONNX Runtime session.
 *
 * <pre>{@code
 * try (QualityScorer scorer = QualityScorer.builder().setModelPath(Path.of("quality.onnx")).build()) {
 *     float[] q = scorer.score(alignedFrames);   // [n] raw scores
 *     float[] v = QanPlusPlus.builder().build().aggregate(frameEmbeddings, q);
 * }
 * }</pre>
 */
public final class QualityScorer implements AutoCloseable {

    private final FaceEmbedder network;

    private QualityScorer(FaceEmbedder network) {
        this.network = network;
    }

    /**
     * Starts a builder; {@link Builder#setModelPath} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores one aligned frame.
     *
     * @param alignedFrame a crop of exactly the model's input size
     * @return the raw quality score
     * @throws IllegalArgumentException if the crop's size differs from the model's input size
     * @throws IllegalStateException if the scorer is closed or ONNX Runtime fails
     */
    public float score(RgbImage alignedFrame) {
        return score(List.of(alignedFrame))[0];
    }

    /**
     * Scores aligned frames in batches.
     *
     * @param alignedFrames crops of exactly the model's input size (may be empty)
     * @return {@code [n]} raw quality scores, entry {@code i} for frame {@code i} (a fresh array)
     * @throws IllegalArgumentException if a crop is null or of the wrong size (naming its index)
     * @throws IllegalStateException if the scorer is closed or ONNX Runtime fails
     */
    public float[] score(List<RgbImage> alignedFrames) {
        float[][] out = network.embed(alignedFrames);
        float[] scores = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            scores[i] = out[i][0];
        }
        return scores;
    }

    /**
     * The preprocessing in use (input size, channel order, mean, std).
     *
     * @return the preprocessing
     */
    public Preprocessing preprocessing() {
        return network.preprocessing();
    }

    /**
     * The model file.
     *
     * @return the {@code .onnx} path given to the builder
     */
    public Path modelPath() {
        return network.modelPath();
    }

    /** Waits for running calls, then releases the ONNX Runtime session. Idempotent. */
    @Override
    public void close() {
        network.close();
    }

    /** Builder; {@link #build()} loads and checks the model. */
    public static final class Builder extends OrtModelBuilder<Builder> {
        private Preprocessing preprocessing;
        private boolean flip;
        private int batchSize = 64;

        private Builder() {
            super(Builder.class, "the quality model's .onnx file");
        }

        /**
         * @param preprocessing input size and normalisation; overrides the model's metadata (required when it has none)
         * @return this builder
         */
        public Builder optPreprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing;
            return this;
        }

        /**
         * @param flip whether the score is the mean over the frame and its mirror (doubles the work); default false
         * @return this builder
         */
        public Builder optFlip(boolean flip) {
            this.flip = flip;
            return this;
        }

        /**
         * @param batchSize frames per ONNX Runtime call for a model with a dynamic batch dimension, {@code >= 1}; default 64
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Loads the model and checks that it gives one score per frame.
         *
         * @return the scorer
         * @throws IllegalArgumentException if a setting is invalid, no preprocessing is known, or the model
         *     does not map {@code [N, 3, H, W]} to {@code [N, 1]} (naming the model and the output width)
         * @throws IOException if the model file is missing or cannot be loaded
         */
        public QualityScorer build() throws IOException {
            requireModelPath();
            FaceEmbedder.Builder b = FaceEmbedder.builder().setModelPath(modelPath).optL2Normalize(false).optFlip(flip)
                    .optBatchSize(batchSize).optIntraOpThreads(intraOpThreads);
            if (preprocessing != null) {
                b.optPreprocessing(preprocessing);
            }
            FaceEmbedder network = b.build();
            if (network.embeddingSize() != 1) {
                int width = network.embeddingSize();
                network.close();
                throw new IllegalArgumentException(modelPath + " outputs [N, " + width
                        + "] per batch; a quality model outputs one raw score per frame, [N, 1] (is this an embedding model?)");
            }
            return new QualityScorer(network);
        }
    }
}
