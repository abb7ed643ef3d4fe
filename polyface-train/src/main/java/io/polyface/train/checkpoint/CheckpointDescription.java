package io.polyface.train.checkpoint;

import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.util.OrderedMaps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a checkpoint says about itself, as an ordered map ready for JSON or text: its folder and step, the array files
 * present, the architecture (name, embedding size), the model input and pixel normalisation, FLOPs with their
 * convention and parameters, the loss, classes, and the training provenance keys present. A run's output folder stands
 * for its latest checkpoint.
 */
public final class CheckpointDescription {

    private CheckpointDescription() {}

    /**
     * @param dir a {@code checkpoint-NNNNNNNN} folder, or a run's output folder
     * @return its description
     * @throws NoSuchFileException if the folder is missing, or holds no checkpoint
     * @throws IOException if the metadata cannot be read
     */
    public static Map<String, Object> describe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected an ONNX model or a checkpoint folder");
        }
        Path folder = dir;
        if (!Files.isRegularFile(dir.resolve(Checkpoint.METADATA))) {
            Optional<Path> latest = CheckpointStore.latest(dir);
            if (latest.isEmpty()) {
                throw new NoSuchFileException(dir.resolve(Checkpoint.METADATA).toString(), null,
                        "not a checkpoint folder, and it holds no checkpoint-NNNNNNNN folder");
            }
            folder = latest.get();
        }
        CheckpointMetadata m = CheckpointStore.read(folder).metadata();
        Map<String, Object> d = OrderedMaps.of("kind", "checkpoint", "folder", folder.toString(), "step", m.step(),
                "epoch", m.epoch());
        List<String> files = new ArrayList<>();
        for (String f : List.of(Checkpoint.METADATA, Checkpoint.MODEL, Checkpoint.HEAD, Checkpoint.OPTIMIZER)) {
            if (Files.isRegularFile(folder.resolve(f))) {
                files.add(f);
            }
        }
        d.put("files", files);
        d.put("architecture", m.spec().name());
        d.put("embedding_size", m.spec().embeddingSize());
        d.put("input", m.input());
        d.put("flops", FlopsCounter.count(m.spec().forInference()).flops(Convention.LFR));
        d.put("flops_convention", Convention.LFR.id());
        d.put("params", FlopsCounter.count(m.spec().forInference()).params());
        d.put("loss", m.loss());
        d.put("loss_options", m.lossOptions());
        d.put("classes", m.labels().size());
        d.put("seed", m.seed());
        d.put("provenance", m.provenance().get(ProvenanceSource.KEY));
        d.put("training_provenance_keys", new ArrayList<>(m.provenance().keySet()));
        d.put("run_keys", new ArrayList<>(m.run().keySet()));
        return d;
    }
}
