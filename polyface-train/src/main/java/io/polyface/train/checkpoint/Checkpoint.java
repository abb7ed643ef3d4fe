package io.polyface.train.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One checkpoint folder, {@code checkpoint-NNNNNNNN} (the step, 8 digits), holding:
 * <ul>
 *   <li>{@value #METADATA}: {@link CheckpointMetadata} as JSON;</li>
 *   <li>{@value #MODEL}: every backbone parameter by stable name ({@code conv1.conv.weight}, …), batch-norm
 *       running statistics included;</li>
 *   <li>{@value #HEAD}: the class centres {@code classifier.centres [C, d]};</li>
 *   <li>{@value #OPTIMIZER}: the momentum buffer of each trainable parameter, by the parameter's name.</li>
 * </ul>
 * Arrays are float32 NumPy {@code .npz} archives ({@link NpzArchive}).
 *
 * @param directory the folder
 * @param metadata its metadata
 */
public record Checkpoint(Path directory, CheckpointMetadata metadata) {

    /** Metadata file name. */
    public static final String METADATA = "metadata.json";
    /** Backbone parameters file name. */
    public static final String MODEL = "model.npz";
    /** Class-centre file name. */
    public static final String HEAD = "head.npz";
    /** Optimiser state file name. */
    public static final String OPTIMIZER = "optimizer.npz";

    /**
     * @return the backbone parameters by name
     * @throws IOException if the archive cannot be read
     */
    public Map<String, NamedTensor> model() throws IOException {
        return NpzArchive.read(directory.resolve(MODEL));
    }

    /**
     * @return the class centres by name
     * @throws IOException if the archive cannot be read
     */
    public Map<String, NamedTensor> head() throws IOException {
        return NpzArchive.read(directory.resolve(HEAD));
    }

    /**
     * @return the momentum buffers by parameter name
     * @throws IOException if the archive cannot be read
     */
    public Map<String, NamedTensor> optimizer() throws IOException {
        return NpzArchive.read(directory.resolve(OPTIMIZER));
    }
}
