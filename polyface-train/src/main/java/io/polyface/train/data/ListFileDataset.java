package io.polyface.train.data;

import io.polyface.core.io.ImageListFile;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A list-file dataset: UTF-8 text with one {@code relative/path label} per line
 * ({@code ../shared/spec/aggregation-and-evaluation.md}, "List files"; parsed by core's
 * {@link ImageListFile}), paths relative to an image root (by default the list file's folder). Images
 * keep the file's order; identities are numbered in {@link NaturalOrder} of the labels. A listed file
 * that is missing counts as an unreadable image when it is read (see {@link BatchLoader}), so one bad
 * line does not stop a non-strict run.
 */
public final class ListFileDataset extends FileBackedDataset {

    private final Path listFile;

    private ListFileDataset(Path listFile, List<Path> files, int[] labels, LabelMap labelMap) {
        super(files, labels, labelMap);
        this.listFile = listFile;
    }

    /**
     * Reads a list file whose paths are relative to its own folder.
     *
     * @param listFile the list file
     * @return the dataset
     * @throws MalformedFileException if a line is malformed or has no label (naming the line)
     * @throws IOException if the file cannot be read
     */
    public static ListFileDataset open(Path listFile) throws IOException {
        Path parent = listFile.toAbsolutePath().getParent();
        return open(listFile, parent);
    }

    /**
     * Reads a list file.
     *
     * @param listFile the list file
     * @param imageRoot the folder the listed paths are relative to
     * @return the dataset
     * @throws MalformedFileException if a line is malformed or has no label (naming the line)
     * @throws IOException if the file cannot be read or the root is not a folder
     */
    public static ListFileDataset open(Path listFile, Path imageRoot) throws IOException {
        if (!Files.isDirectory(imageRoot)) {
            throw new IOException("image root " + imageRoot + " of list file " + listFile + " is not a folder");
        }
        List<ImageListFile.Entry> entries = ImageListFile.read(listFile);
        List<String> names = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            ImageListFile.Entry e = entries.get(i);
            if (e.label().isEmpty()) {
                throw new MalformedFileException(listFile, "line " + (i + 1) + " has no label; a training list needs "
                        + "'relative/path label' on every line, got '" + e.path() + "'");
            }
            names.add(e.label().get());
        }
        LabelMap map = LabelMap.of(names);
        List<Path> files = new ArrayList<>(entries.size());
        int[] labels = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            files.add(imageRoot.resolve(entries.get(i).path()));
            labels[i] = map.indexOf(names.get(i));
        }
        return new ListFileDataset(listFile, List.copyOf(files), labels, map);
    }

    @Override
    public String locate(int index) {
        return files.get(index) + " (" + listFile + " line " + (index + 1) + ")";
    }

    @Override
    public String description() {
        return describe("list file " + listFile);
    }
}
