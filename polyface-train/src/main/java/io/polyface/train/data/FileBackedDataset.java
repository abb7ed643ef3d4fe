package io.polyface.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset of one encoded image file per sample with its class index ({@link ImageFolderDataset},
 * {@link ListFileDataset}): the lookups over the files and labels the two formats share.
 */
abstract class FileBackedDataset implements FaceDataset {

    /** The image files, {@code [N]}, in sample order. */
    final List<Path> files;
    private final int[] labels;
    private final LabelMap labelMap;

    /**
     * @param files the image files, {@code [N]} (kept as given: pass an immutable list)
     * @param labels their class indices, {@code [N]}
     * @param labelMap the class indices' identity labels
     */
    FileBackedDataset(List<Path> files, int[] labels, LabelMap labelMap) {
        this.files = files;
        this.labels = labels;
        this.labelMap = labelMap;
    }

    @Override
    public final int size() {
        return files.size();
    }

    @Override
    public final int label(int index) {
        return labels[index];
    }

    @Override
    public final LabelMap labels() {
        return labelMap;
    }

    @Override
    public final byte[] read(int index) throws IOException {
        return Files.readAllBytes(files.get(index));
    }

    /**
     * @param source the format and location, e.g. {@code "image folder /data/orl"}
     * @return {@code source (C identities, N images)}
     */
    final String describe(String source) {
        return source + " (" + labelMap.size() + " identities, " + files.size() + " images)";
    }
}
