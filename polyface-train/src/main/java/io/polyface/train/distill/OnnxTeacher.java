package io.polyface.train.distill;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.embed.PreprocessingStatement;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FileDigests;
import io.polyface.core.ort.OrtSessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A teacher: an ONNX face-embedding model {@code [N, 3, H, W] → [N, D]} run by ONNX Runtime through core's
 * {@link FaceEmbedder}, with its own preprocessing (input size, channel order, mean/std) from its metadata, the
 * known-model table or the stated options ({@link io.polyface.core.embed.ModelPreprocessing}'s rule). Embeddings
 * are L2-normalised, without flip. Thread-safe; close once.
 */
public final class OnnxTeacher implements AutoCloseable {

    private final FaceEmbedder embedder;
    private final String sha256;

    private OnnxTeacher(FaceEmbedder embedder, String sha256) {
        this.embedder = embedder;
        this.sha256 = sha256;
    }

    /**
     * Checks and opens a teacher model.
     *
     * @param model the {@code .onnx} file
     * @param statement the preprocessing stated by the user (checked against the metadata / known model)
     * @param notices receives notices (a model recognised by its SHA-256)
     * @return the teacher
     * @throws IllegalArgumentException naming {@code --teacher} if the model's input is not a 3-channel image
     *     {@code [N, 3, H, W]}, its output is not of rank 2 (not an embedding model), its preprocessing is unknown,
     *     or it returns a non-finite embedding for a blank face
     * @throws IOException if the model cannot be read ({@link NoSuchFileException} if it does not exist)
     */
    public static OnnxTeacher open(Path model, PreprocessingStatement statement, Consumer<String> notices) throws IOException {
        return open(model, statement, notices, 0);
    }

    /**
     * Checks and opens a teacher model with a given number of ONNX Runtime intra-op threads.
     *
     * @param model the {@code .onnx} file
     * @param statement the preprocessing stated by the user (checked against the metadata / known model)
     * @param notices receives notices (a model recognised by its SHA-256)
     * @param intraOpThreads threads of one teacher operator, {@code >= 0}; 0: ONNX Runtime's default (one per physical
     *     core). With the teacher on its own thread beside the student ({@link TeacherTargets} prefetch), fewer leave
     *     cores to the student
     * @return the teacher
     * @throws IllegalArgumentException as {@link #open(Path, PreprocessingStatement, Consumer)}, or naming
     *     {@code --teacher-threads} if it is negative
     * @throws IOException if the model cannot be read ({@link NoSuchFileException} if it does not exist)
     */
    public static OnnxTeacher open(Path model, PreprocessingStatement statement, Consumer<String> notices, int intraOpThreads)
            throws IOException {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("--teacher-threads " + intraOpThreads + ": expected >= 0 (0: ONNX Runtime's default)");
        }
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "--teacher: expected an ONNX face-embedding model");
        }
        try (OrtSession session = OrtSessions.open(model, 1)) {
            checkShapes(model, session);
        } catch (ai.onnxruntime.OrtException e) {
            throw new IOException("--teacher " + model + ": cannot inspect the model: " + e.getMessage(), e);
        }
        FaceEmbedder e;
        try {
            e = FaceEmbedder.builder().setModelPath(model).optPreprocessing(statement).optNotices(notices).optBatchSize(64)
                    .optIntraOpThreads(intraOpThreads).build();
        } catch (IllegalStateException ex) {
            throw new IllegalArgumentException("--teacher " + model + ": " + ex.getMessage(), ex);
        }
        OnnxTeacher t = new OnnxTeacher(e, FileDigests.sha256(model));
        try {
            int size = e.preprocessing().inputWidth();
            float[] grey = new float[size * e.preprocessing().inputHeight()];
            Arrays.fill(grey, 128f);
            t.embed(List.of(RgbImage.fromGrey(size, e.preprocessing().inputHeight(), grey)));
        } catch (RuntimeException ex) {
            t.close();
            throw ex;
        }
        return t;
    }

    private static void checkShapes(Path model, OrtSession session) throws ai.onnxruntime.OrtException {
        NodeInfo in = session.getInputInfo().values().iterator().next();
        if (in.getInfo() instanceof TensorInfo ti) {
            long[] s = ti.getShape();
            if (s.length != 4 || (s[1] != 3 && s[1] > 0)) {
                throw new IllegalArgumentException("--teacher " + model + ": input '" + in.getName() + "' has shape " + Arrays.toString(s)
                        + "; expected a 3-channel image batch [N, 3, H, W]");
            }
        }
        for (NodeInfo out : session.getOutputInfo().values()) {
            if (out.getInfo() instanceof TensorInfo ti && ti.getShape().length != 2) {
                throw new IllegalArgumentException("--teacher " + model + ": output '" + out.getName() + "' has rank " + ti.getShape().length
                        + " " + Arrays.toString(ti.getShape()) + "; expected a face-embedding model with output [N, D]");
            }
            break;
        }
    }

    /**
     * @param faces crops of the teacher's input size
     * @return L2-normalised embeddings {@code [N][D]}
     * @throws IllegalArgumentException naming {@code --teacher} if an embedding is NaN, infinite or zero
     */
    public float[][] embed(List<RgbImage> faces) {
        try {
            return embedder.embed(faces);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--teacher " + embedder.modelPath() + " returned an unusable embedding: " + e.getMessage(), e);
        }
    }

    /** @return the teacher's preprocessing (input size, channel order, mean, std) */
    public Preprocessing preprocessing() {
        return embedder.preprocessing();
    }

    /** @return the embedding size {@code D} */
    public int embeddingSize() {
        return embedder.embeddingSize();
    }

    /** @return the model file's SHA-256 (the cache key of its embeddings) */
    public String sha256() {
        return sha256;
    }

    /** @return the model file */
    public Path modelPath() {
        return embedder.modelPath();
    }

    @Override
    public void close() {
        embedder.close();
    }
}
