package io.polyface.train.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Face images without identity labels, for training objectives that need none (distillation): every image of a
 * folder, searched recursively (files by {@link ImageFolderDataset#IMAGE_EXTENSIONS}, hidden ones skipped, in
 * {@link NaturalOrder} of their relative paths), or every path of a list file (first token of each non-blank line,
 * relative to the list's folder; a label after it is ignored). All images have class 0 of the single label
 * {@value #LABEL}.
 */
public final class UnlabelledImages extends FileBackedDataset {

    /** The one label of every image. */
    public static final String LABEL = "unlabelled";

    private final Path source;

    private UnlabelledImages(Path source, List<Path> files) {
        super(List.copyOf(files), new int[files.size()], LabelMap.of(List.of(LABEL)));
        this.source = source;
    }

    /**
     * @param path an image folder (searched recursively) or a list file
     * @return the images
     * @throws NoSuchFileException if the path does not exist
     * @throws IOException if it cannot be read or holds no image (naming it)
     */
    public static UnlabelledImages open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "--data: expected an image folder or a list file");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> !hidden(path.relativize(p)))
                        .filter(p -> ImageFolderDataset.isImageName(p.getFileName().toString()))
                        .sorted((a, b) -> NaturalOrder.INSTANCE.compare(path.relativize(a).toString(), path.relativize(b).toString()))
                        .forEach(files::add);
            }
        } else {
            Path root = path.toAbsolutePath().getParent();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    files.add(root.resolve(t.split("\\s+")[0]));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("--data " + path + ": no image (expected files ending in "
                    + ImageFolderDataset.IMAGE_EXTENSIONS.stream().sorted().toList() + ")");
        }
        return new UnlabelledImages(path, files);
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String locate(int index) {
        return files.get(index).toString();
    }

    @Override
    public String description() {
        return "unlabelled images " + source + " (" + files.size() + " images)";
    }
}
