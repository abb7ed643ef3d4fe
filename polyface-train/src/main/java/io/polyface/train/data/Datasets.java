package io.polyface.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a training set by what the path is: a folder, a {@code .rec} file or a list file. */
public final class Datasets {

    private Datasets() {}

    /**
     * Opens a dataset: a folder is an {@link ImageFolderDataset}, a file ending in {@code .rec} a
     * {@link RecordIoDataset} (with {@code .idx} beside it), any other file a {@link ListFileDataset}
     * (paths relative to the list's folder).
     *
     * @param path the folder or file
     * @return the dataset
     * @throws NoSuchFileException if the path does not exist
     * @throws IOException as the chosen format's {@code open}
     */
    public static FaceDataset open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "training data: expected a folder of identity folders, "
                    + "a .rec file with its .idx, or a list file of 'path label' lines");
        }
        if (Files.isDirectory(path)) {
            return ImageFolderDataset.open(path);
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".rec")) {
            return RecordIoDataset.open(path);
        }
        return ListFileDataset.open(path);
    }
}
