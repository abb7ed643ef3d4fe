package io.polyface.train.distill;

import io.polyface.train.checkpoint.Checkpoint;
import io.polyface.train.checkpoint.CheckpointIntegrity;
import io.polyface.train.checkpoint.CheckpointStore;
import io.polyface.train.checkpoint.NamedTensor;
import io.polyface.train.checkpoint.ParameterNames;
import io.polyface.train.data.LabelMap;
import io.polyface.train.export.OnnxModelExport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A PolyFace training checkpoint as teacher ({@code distill --teacher RUN}, where {@code RUN} is a
 * {@code polyface train --out} folder — its latest checkpoint — or a {@code checkpoint-NNNNNNNN} folder). Its network
 * is exported to ONNX exactly as {@code polyface export} does ({@link OnnxModelExport#exportCheckpoint}: the
 * checkpoint's backbone with its preprocessing in the metadata), so the teacher's embeddings come from ONNX Runtime
 * through {@link OnnxTeacher} like any other teacher's; its classifier — the class centres {@code W [C, D]} of
 * {@value ParameterNames#CENTRES}, the class names and the margin loss it was trained with — is kept for ProxylessKD
 * ({@link ProxylessKd}).
 *
 * @param checkpoint the checkpoint folder used
 * @param onnx the exported teacher network
 * @param centres the class centres, row-major {@code [C·D]}
 * @param embeddingSize {@code D}
 * @param labels the teacher's classes, in centre order
 * @param loss the margin loss the teacher was trained with (a {@code polyface-losses} name)
 * @param lossOptions that loss's options
 */
public record CheckpointTeacher(Path checkpoint, Path onnx, float[] centres, int embeddingSize, LabelMap labels, String loss,
                                Map<String, String> lossOptions) {

    /** @return the number of classes {@code C} */
    public int classes() {
        return labels.size();
    }

    /**
     * Whether a {@code --teacher} path names a checkpoint (a folder) rather than an ONNX file.
     *
     * @param teacher the path
     * @return whether it is a folder
     */
    public static boolean isCheckpoint(Path teacher) {
        return Files.isDirectory(teacher);
    }

    /**
     * Reads a checkpoint's classifier and exports its network to {@code onnx}.
     *
     * @param dir a training output folder (its latest checkpoint) or a checkpoint folder
     * @param onnx where the teacher network is written (atomically)
     * @return the teacher
     * @throws NoSuchFileException naming {@code --teacher} if the folder does not exist
     * @throws IllegalArgumentException naming {@code --teacher} if the folder holds no checkpoint, the checkpoint is
     *     damaged, or its centres are missing or do not fit {@code [C, D]}
     * @throws IOException if the checkpoint cannot be read or the model cannot be written
     */
    public static CheckpointTeacher export(Path dir, Path onnx) throws IOException {
        Path c = resolve(dir);
        CheckpointIntegrity.check(c).requireIntact();
        Checkpoint checkpoint = CheckpointStore.read(c);
        NamedTensor w = checkpoint.head().get(ParameterNames.CENTRES);
        LabelMap labels = checkpoint.metadata().labels();
        int d = checkpoint.metadata().spec().embeddingSize();
        if (w == null || w.shape().length != 2 || w.shape()[0] != labels.size() || w.shape()[1] != d) {
            throw new IllegalArgumentException("--teacher " + c + ": expected class centres " + ParameterNames.CENTRES + " of shape ["
                    + labels.size() + ", " + d + "] in " + Checkpoint.HEAD + ", found " + (w == null ? "none" : java.util.Arrays.toString(w.shape())));
        }
        Files.createDirectories(onnx.toAbsolutePath().getParent());
        OnnxModelExport.exportCheckpoint(c, onnx);
        return new CheckpointTeacher(c, onnx, w.values(), d, labels, checkpoint.metadata().loss(), checkpoint.metadata().lossOptions());
    }

    private static Path resolve(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "--teacher: expected an ONNX model, a training output folder or a checkpoint folder");
        }
        if (Files.isRegularFile(dir.resolve(Checkpoint.METADATA))) {
            return dir;
        }
        Optional<Path> latest = CheckpointStore.latest(dir);
        return latest.orElseThrow(() -> new IllegalArgumentException("--teacher " + dir + ": not a checkpoint folder (no " + Checkpoint.METADATA
                + ") and holds no checkpoint-NNNNNNNN folder; expected a 'polyface train --out' folder"));
    }
}
