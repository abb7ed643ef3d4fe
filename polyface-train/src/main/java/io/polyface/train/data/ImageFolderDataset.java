package io.polyface.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An image-folder dataset: one sub-folder per identity (its name is the identity label), holding that
 * identity's images ({@code ../shared/spec/aggregation-and-evaluation.md}, "Image folders"). Files are
 * taken by extension ({@link #IMAGE_EXTENSIONS}, case-insensitive); hidden files and folders (name
 * starting with {@code .}) and files directly in the root (e.g. a README) are ignored. Identities are
 * numbered in {@link NaturalOrder} of the folder names, images within a folder likewise, so
 * {@code s1/2.pgm} precedes {@code s1/10.pgm} and identity {@code s2} precedes {@code s10}.
 */
public final class ImageFolderDataset extends FileBackedDataset {

    /** The file extensions taken as images. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("pgm", "ppm", "pnm", "png", "jpg", "jpeg", "gif");

    private final Path root;

    private ImageFolderDataset(Path root, List<Path> files, int[] labels, LabelMap labelMap) {
        super(files, labels, labelMap);
        this.root = root;
    }

    /**
     * Scans a folder.
     *
     * @param root the dataset folder
     * @return the dataset
     * @throws NoSuchFileException if the folder does not exist
     * @throws NotDirectoryException if it is a file
     * @throws IOException if it cannot be listed, or holds no identity folder with an image (the
     *     message names the folder and the extensions looked for)
     */
    public static ImageFolderDataset open(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "dataset folder does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + " (an image-folder dataset must be a folder of identity folders)");
        }
        List<Path> identities = sortedChildren(root, true);
        List<String> names = new ArrayList<>();
        List<List<Path>> perIdentity = new ArrayList<>();
        for (Path dir : identities) {
            List<Path> images = new ArrayList<>();
            for (Path f : sortedChildren(dir, false)) {
                if (isImageName(f.getFileName().toString())) {
                    images.add(f);
                }
            }
            if (!images.isEmpty()) {
                names.add(dir.getFileName().toString());
                perIdentity.add(images);
            }
        }
        if (names.isEmpty()) {
            throw new IOException("no identity folder with images in " + root + " (expected one sub-folder per identity holding "
                    + "files ending in " + IMAGE_EXTENSIONS.stream().sorted().toList() + ")");
        }
        LabelMap map = LabelMap.of(names);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int cls = map.indexOf(names.get(i));
            for (Path f : perIdentity.get(i)) {
                files.add(f);
                labels.add(cls);
            }
        }
        return new ImageFolderDataset(root, List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(), map);
    }

    private static List<Path> sortedChildren(Path dir, boolean directories) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> directories ? Files.isDirectory(p) : Files.isRegularFile(p))
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public String locate(int index) {
        return files.get(index).toString();
    }

    @Override
    public String description() {
        return describe("image folder " + root);
    }
}
