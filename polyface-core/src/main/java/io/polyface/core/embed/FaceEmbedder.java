package io.polyface.core.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.RgbImage;
import io.polyface.core.ort.OrtModelBuilder;
import io.polyface.core.ort.OrtSessions;
import io.polyface.core.ort.SharedSession;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Face embeddings from an ONNX model run by ONNX Runtime: aligned face crops in, one vector each out.
 *
 * <p><b>Model contract.</b> One float input {@code [N, 3, H, W]} and one float output {@code [N, D]}
 * (a model with several outputs needs {@link Builder#optOutputName}). {@code N} may be dynamic (faces
 * are run in batches of {@link Builder#optBatchSize}) or fixed (faces are run in batches of exactly that
 * size, the last one padded by repeating its last face). {@code H, W} must equal the preprocessing's
 * input size where the model fixes them. The builder runs one all-zero batch to check this and to
 * learn {@code D}.
 *
 * <p><b>Preprocessing</b> ({@link Preprocessing}) follows {@link ModelPreprocessing}'s rule: the model's
 * {@code polyface.*} metadata, else the {@linkplain KnownModels known model} of that SHA-256 (announced through
 * {@link Builder#optNotices}), else what {@link Builder#optPreprocessing} states; a statement that contradicts the
 * metadata or the known model is refused, and a model with none of the three is rejected.
 * Each face becomes {@code (pixel − mean) / std} in the given channel order ({@link NchwTensors}).
 *
 * <p><b>Output.</b> With flip test-time augmentation the embedding is the mean of the raw outputs for
 * the face and its horizontal mirror (as InsightFace's evaluation adds them; Deng et al., ArcFace, CVPR
 * 2019, §4). With L2 normalisation (the default) the result is then scaled to unit length, so cosine
 * similarity is a dot product; an all-zero or non-finite output is an {@link IllegalArgumentException} naming
 * the face ({@link L2}'s policy). Every call returns freshly allocated arrays.
 *
 * <p><b>Threads and resources.</b> Safe for concurrent callers, which share one {@link OrtSession}
 * (ONNX Runtime's {@code Run} is thread-safe). {@link #close()} waits for running calls and releases the
 * native session; later calls throw {@link IllegalStateException}.
 */
public final class FaceEmbedder implements AutoCloseable {

    private final Path modelPath;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final Preprocessing preprocessing;
    private final ModelPreprocessing.Source preprocessingSource;
    private final boolean flip;
    private final boolean l2Normalize;
    private final int batchSize;
    private final boolean fixedBatch;
    private final int embeddingSize;
    private final SharedSession shared;

    private FaceEmbedder(Builder b, Path modelPath, OrtSession session, String inputName, String outputName,
                         ModelPreprocessing.Resolved preprocessing, int batchSize, boolean fixedBatch) {
        this.modelPath = modelPath;
        this.session = session;
        this.shared = new SharedSession(session, modelPath, "FaceEmbedder");
        this.inputName = inputName;
        this.outputName = outputName;
        this.preprocessing = preprocessing.preprocessing();
        this.preprocessingSource = preprocessing.source();
        this.flip = b.flip;
        this.l2Normalize = b.l2Normalize;
        this.batchSize = batchSize;
        this.fixedBatch = fixedBatch;
        // the probe runs while embeddingSize is still 0, which tells run() not to check the output width yet
        this.embeddingSize = probeEmbeddingSize();
    }

    /** @return a builder; {@link Builder#setModelPath} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a model says about its preprocessing without a statement, without keeping the model open: its
     * {@code polyface.*} metadata, else the {@linkplain KnownModels known model} of its SHA-256.
     *
     * @param model the {@code .onnx} file
     * @return the preprocessing, or empty if the model has no metadata and is not known
     * @throws IOException if the model cannot be loaded
     * @throws IllegalArgumentException if the metadata is incomplete or malformed
     */
    public static Optional<Preprocessing> preprocessingFromModel(Path model) throws IOException {
        try (OrtSession s = OrtSessions.open(model, 1)) {
            Optional<Preprocessing> own = Preprocessing.fromMetadata(s.getMetadata().getCustomMetadata(), model.toString());
            return own.isPresent() ? own : KnownModels.bySha256(io.polyface.core.io.FileDigests.sha256(model))
                    .map(KnownModels.KnownModel::preprocessing);
        } catch (OrtException e) {
            throw new IOException("cannot read the metadata of " + model + ": " + e.getMessage(), e);
        }
    }

    /** @return the preprocessing in use */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** @return where the preprocessing came from: the model's metadata, the known-model table, or the statement */
    public ModelPreprocessing.Source preprocessingSource() {
        return preprocessingSource;
    }

    /** @return the embedding size {@code D} */
    public int embeddingSize() {
        return embeddingSize;
    }

    /** @return the model's fixed batch size, or 0 when its batch dimension is dynamic */
    public int fixedBatchSize() {
        return fixedBatch ? batchSize : 0;
    }

    /** @return whether flip test-time augmentation is on */
    public boolean flipTestTimeAugmentation() {
        return flip;
    }

    /** @return the model file */
    public Path modelPath() {
        return modelPath;
    }

    /**
     * Embeds one aligned face.
     *
     * @param alignedFace a crop of exactly the model's input size
     * @return a fresh {@code [D]} embedding
     * @throws IllegalArgumentException if the crop's size differs from the model's input size, or (with L2 normalisation)
     *     the model's output is all zero or not finite
     * @throws IllegalStateException if the embedder is closed or ONNX Runtime fails
     */
    public float[] embed(RgbImage alignedFace) {
        return embed(List.of(alignedFace))[0];
    }

    /**
     * Embeds aligned faces in batches.
     *
     * @param alignedFaces crops of exactly the model's input size (may be empty)
     * @return fresh {@code [N][D]} embeddings, row {@code i} for face {@code i}
     * @throws IllegalArgumentException if a crop is null or its size differs from the model's input size (naming the index),
     *     or (with L2 normalisation) an output is all zero or not finite (naming the face)
     * @throws IllegalStateException if the embedder is closed or ONNX Runtime fails
     */
    public float[][] embed(List<RgbImage> alignedFaces) {
        for (int i = 0; i < alignedFaces.size(); i++) {
            RgbImage f = alignedFaces.get(i);
            if (f == null) {
                throw new IllegalArgumentException("alignedFaces[" + i + "] is null");
            }
            if (f.width() != preprocessing.inputWidth() || f.height() != preprocessing.inputHeight()) {
                throw new IllegalArgumentException("alignedFaces[" + i + "] is " + f.width() + "x" + f.height() + " but "
                        + modelPath.getFileName() + " takes " + preprocessing.inputWidth() + "x" + preprocessing.inputHeight()
                        + " aligned faces (align or resize first)");
            }
        }
        float[][] out = new float[alignedFaces.size()][];
        return shared.call(() -> {
            for (int start = 0; start < alignedFaces.size(); start += batchSize) {
                List<RgbImage> chunk = alignedFaces.subList(start, Math.min(alignedFaces.size(), start + batchSize));
                float[][] raw = run(chunk);
                if (flip) {
                    List<RgbImage> mirrored = new ArrayList<>(chunk.size());
                    for (RgbImage f : chunk) {
                        mirrored.add(f.flipHorizontal());
                    }
                    float[][] rawFlip = run(mirrored);
                    for (int i = 0; i < raw.length; i++) {
                        for (int d = 0; d < embeddingSize; d++) {
                            raw[i][d] = (raw[i][d] + rawFlip[i][d]) * 0.5f;
                        }
                    }
                }
                for (int i = 0; i < raw.length; i++) {
                    out[start + i] = l2Normalize ? L2.normalize(raw[i], "embedding of face " + (start + i)) : raw[i];
                }
            }
            return out;
        });
    }

    /** Runs one chunk of at most {@code batchSize} faces; returns fresh rows. */
    private float[][] run(List<RgbImage> faces) {
        int n = faces.size();
        int rows = fixedBatch ? batchSize : n;
        int perImage = 3 * preprocessing.inputWidth() * preprocessing.inputHeight();
        float[] input = new float[rows * perImage];
        for (int i = 0; i < rows; i++) {
            NchwTensors.write(faces.get(Math.min(i, n - 1)), preprocessing.normalization(), input, i * perImage);
        }
        long[] shape = {rows, 3, preprocessing.inputHeight(), preprocessing.inputWidth()};
        OrtEnvironment env = OrtSessions.environment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxTensor out = (OnnxTensor) result.get(outputName).orElseThrow();
            long[] outShape = out.getInfo().getShape();
            if (outShape.length != 2 || outShape[0] != rows || (embeddingSize > 0 && outShape[1] != embeddingSize)) {
                throw new IllegalStateException(modelPath + ": output '" + outputName + "' has shape " + Arrays.toString(outShape)
                        + " for an input of " + Arrays.toString(shape) + "; expected [" + rows + ", "
                        + (embeddingSize > 0 ? embeddingSize : "D") + "]");
            }
            int d = (int) outShape[1];
            FloatBuffer values = out.getFloatBuffer();
            float[][] embeddings = new float[n][d];
            for (int i = 0; i < n; i++) {
                values.get(embeddings[i]);
            }
            return embeddings;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + modelPath + " with input " + Arrays.toString(shape)
                    + ": " + e.getMessage(), e);
        }
    }

    private int probeEmbeddingSize() {
        float[] blank = new float[3 * preprocessing.inputWidth() * preprocessing.inputHeight()];
        RgbImage zero = RgbImage.of(preprocessing.inputWidth(), preprocessing.inputHeight(), blank);
        float[][] out = run(List.of(zero));
        if (out[0].length < 1) {
            throw new IllegalArgumentException(modelPath + ": output '" + outputName + "' has embedding size 0");
        }
        return out[0].length;
    }

    /** Waits for running calls, then releases the ONNX Runtime session. Idempotent. */
    @Override
    public void close() {
        shared.close();
    }

    /** Builder; {@link #build()} validates the settings, loads the model and checks its shapes. */
    public static final class Builder extends OrtModelBuilder<Builder> {
        private PreprocessingStatement preprocessing = PreprocessingStatement.NONE;
        private Consumer<String> notices = n -> System.err.println("polyface: " + n);
        private boolean flip;
        private boolean l2Normalize = true;
        private int batchSize = 32;
        private String outputName;

        private Builder() {
            super(Builder.class, "the embedding model's .onnx file");
        }

        /**
         * @param preprocessing the whole preprocessing, stated: required for a model without preprocessing metadata
         *     that PolyFace does not know; refused at {@link #build()} if it contradicts the model's metadata or the
         *     known model ({@link ModelPreprocessing})
         * @return this builder
         */
        public Builder optPreprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing == null ? PreprocessingStatement.NONE : PreprocessingStatement.of(preprocessing);
            return this;
        }

        /**
         * @param statement part or all of the preprocessing, stated (e.g. command-line flags): completes a model without
         *     metadata (the input size may come from the model), and is refused if it contradicts the model's metadata or
         *     the known model ({@link ModelPreprocessing})
         * @return this builder
         */
        public Builder optPreprocessing(PreprocessingStatement statement) {
            this.preprocessing = statement == null ? PreprocessingStatement.NONE : statement;
            return this;
        }

        /**
         * @param notices receives what the user should be told while the model opens (a model recognised by its SHA-256
         *     and the preprocessing used); default: printed on standard error
         * @return this builder
         */
        public Builder optNotices(Consumer<String> notices) {
            this.notices = notices == null ? n -> { } : notices;
            return this;
        }

        /**
         * @param flip whether to average each face's embedding with its mirror's (doubles the work); default false
         * @return this builder
         */
        public Builder optFlip(boolean flip) {
            this.flip = flip;
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
         * @param batchSize faces per ONNX Runtime call for a model with a dynamic batch dimension, ≥ 1; default 32
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param outputName the output holding the embedding, for models with several outputs; default: the only output
         * @return this builder
         */
        public Builder optOutputName(String outputName) {
            this.outputName = outputName;
            return this;
        }

        /**
         * Validates, loads the model, checks its input and output shapes and runs one probe batch.
         *
         * @return the embedder
         * @throws IllegalArgumentException if a setting is invalid, no preprocessing is known, or the model's
         *     input/output do not fit (naming the model, the tensor and the shapes)
         * @throws IOException if the model file is missing or cannot be loaded
         */
        public FaceEmbedder build() throws IOException {
            requireModelPath();
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize " + batchSize + ": expected >= 1");
            }
            return open(this::create);
        }

        private FaceEmbedder create(OrtSession session) throws OrtException {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new IllegalArgumentException(modelPath + ": an embedding model needs exactly one input, found " + inputs.keySet());
            }
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            long[] inShape = floatTensorShape(in.getKey(), in.getValue(), "input");
            if (inShape.length != 4 || (inShape[1] >= 0 && inShape[1] != 3)) {
                throw new IllegalArgumentException(modelPath + ": input '" + in.getKey() + "' has shape " + Arrays.toString(inShape)
                        + "; expected [N, 3, H, W]");
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String out = outputName;
            if (out == null) {
                if (outputs.size() != 1) {
                    throw new IllegalArgumentException(modelPath + " has outputs " + outputs.keySet()
                            + "; name the embedding with optOutputName");
                }
                out = outputs.keySet().iterator().next();
            } else if (!outputs.containsKey(out)) {
                throw new IllegalArgumentException(modelPath + " has no output '" + out + "'; outputs are " + outputs.keySet());
            }
            long[] outShape = floatTensorShape(out, outputs.get(out), "output");
            if (outShape.length != 2) {
                throw new IllegalArgumentException(modelPath + ": output '" + out + "' has shape " + Arrays.toString(outShape)
                        + "; expected [N, D]");
            }
            ModelPreprocessing.Resolved resolved = ModelPreprocessing.resolve(modelPath, session.getMetadata().getCustomMetadata(),
                    preprocessing, (int) inShape[2], (int) inShape[3]);
            Preprocessing p = resolved.preprocessing();
            if ((inShape[2] >= 0 && inShape[2] != p.inputHeight()) || (inShape[3] >= 0 && inShape[3] != p.inputWidth())) {
                throw new IllegalArgumentException(modelPath + ": input '" + in.getKey() + "' is " + Arrays.toString(inShape)
                        + " but the preprocessing gives " + p.inputHeight() + "x" + p.inputWidth() + " (H x W)");
            }
            boolean fixed = inShape[0] > 0;
            if (fixed && outShape[0] >= 0 && outShape[0] != inShape[0]) {
                throw new IllegalArgumentException(modelPath + ": input batch " + inShape[0] + " but output batch " + outShape[0]);
            }
            int batch = fixed ? (int) inShape[0] : batchSize;
            try {
                FaceEmbedder embedder = new FaceEmbedder(this, modelPath, session, in.getKey(), out, resolved, batch, fixed);
                resolved.notice().ifPresent(notices);
                return embedder;
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(modelPath + " does not run as an embedding model on a zero batch of "
                        + p.inputWidth() + "x" + p.inputHeight() + " faces: " + e.getMessage(), e);
            }
        }

        private long[] floatTensorShape(String name, NodeInfo info, String role) {
            if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException(modelPath + ": " + role + " '" + name + "' is " + info.getInfo()
                        + "; expected a float32 tensor");
            }
            return t.getShape();
        }
    }
}
