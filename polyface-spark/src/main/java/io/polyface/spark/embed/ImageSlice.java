package io.polyface.spark.embed;

import io.polyface.core.image.ImageDecoder;
import io.polyface.core.io.ImageListFile;
import io.polyface.core.io.RecordIoReader;
import io.polyface.core.pipeline.FolderEmbedder;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous range of the images to embed, as one Spark task receives it: the images of a folder tree or of a
 * list file (by path under a root folder), or the records of an InsightFace RecordIO file (by {@code .idx} key range).
 * Slices are built on the driver ({@link #ofFolder}, {@link #ofListFile}, {@link #ofRecordIo}) and embedded on the
 * executors, which must see the same paths.
 */
public abstract class ImageSlice implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int first;

    private ImageSlice(int first) {
        this.first = first;
    }

    /** @return the index of the slice's first image among all images */
    public int first() {
        return first;
    }

    /** @return the number of images of the slice */
    public abstract int size();

    /**
     * Embeds the slice's images in order.
     *
     * @param embedder the executor's embedder
     * @return the rows, names and labels, and the images left out
     * @throws IOException if the source cannot be opened
     * @throws IllegalArgumentException in strict mode, for the first unreadable image (naming it)
     */
    public abstract SliceResult embed(FolderEmbedder embedder) throws IOException;

    /**
     * The images of a folder tree, in {@link FolderEmbedder#listImages} order (what {@code bin/polyface embed --images}
     * embeds; identity = first path component).
     *
     * @param dir the folder
     * @param slices the number of slices wanted, {@code >= 1}
     * @return the slices, in order
     * @throws IOException if the folder cannot be walked
     * @throws IllegalArgumentException if it is not a folder or holds no file
     */
    public static List<ImageSlice> ofFolder(Path dir, int slices) throws IOException {
        List<String> names = FolderEmbedder.listImages(dir);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--images " + dir + ": no files");
        }
        return files(dir, names, FolderEmbedder.identities(names), slices);
    }

    /**
     * The images named by a list file ({@link ImageListFile}: {@code relative/path [label]} per line), under a root
     * folder; a line without a label takes the path's first component.
     *
     * @param list the list file
     * @param root the folder the paths are relative to
     * @param slices the number of slices wanted, {@code >= 1}
     * @return the slices, in list order
     * @throws IOException if the list cannot be read or is malformed (naming the line)
     */
    public static List<ImageSlice> ofListFile(Path list, Path root, int slices) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--images " + root + ": not a folder (the root of the paths in " + list + ")");
        }
        List<ImageListFile.Entry> entries = ImageListFile.read(list);
        List<String> names = entries.stream().map(ImageListFile.Entry::path).toList();
        List<String> identities = FolderEmbedder.identities(names);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            labels.add(entries.get(i).label().orElse(identities.get(i)));
        }
        return files(root, names, labels, slices);
    }

    /**
     * The image records of an InsightFace RecordIO file ({@code FILE.rec} with {@code FILE.idx}), split by key ranges
     * of the index; a row's name is its record key, its label the record's class label.
     *
     * @param rec the record file
     * @param slices the number of slices wanted, {@code >= 1}
     * @return the slices, in key order
     * @throws IOException if the files cannot be read or the index is malformed
     */
    public static List<ImageSlice> ofRecordIo(Path rec, int slices) throws IOException {
        long[] keys;
        try (RecordIoReader reader = RecordIoReader.open(rec)) {
            keys = reader.imageKeys();
        }
        List<ImageSlice> out = new ArrayList<>();
        int per = per(keys.length, slices);
        for (int from = 0; from < keys.length; from += per) {
            int to = Math.min(keys.length, from + per);
            out.add(new RecordSlice(from, rec.toAbsolutePath().toString(), java.util.Arrays.copyOfRange(keys, from, to)));
        }
        return out;
    }

    private static List<ImageSlice> files(Path root, List<String> names, List<String> labels, int slices) {
        List<ImageSlice> out = new ArrayList<>();
        int per = per(names.size(), slices);
        for (int from = 0; from < names.size(); from += per) {
            int to = Math.min(names.size(), from + per);
            out.add(new FileSlice(from, root.toAbsolutePath().toString(), new ArrayList<>(names.subList(from, to)),
                    new ArrayList<>(labels.subList(from, to))));
        }
        return out;
    }

    private static int per(int n, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("--partitions " + slices + ": expected >= 1");
        }
        return Math.max(1, (n + slices - 1) / slices);
    }

    /** Files under a root folder. */
    private static final class FileSlice extends ImageSlice {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String root;
        private final ArrayList<String> names;
        private final ArrayList<String> labels;

        FileSlice(int first, String root, ArrayList<String> names, ArrayList<String> labels) {
            super(first);
            this.root = root;
            this.names = names;
            this.labels = labels;
        }

        @Override
        public int size() {
            return names.size();
        }

        @Override
        public SliceResult embed(FolderEmbedder embedder) {
            Path dir = Path.of(root);
            return SliceResult.of(first(), names, labels,
                    embedder.embed(names, labels, i -> ImageDecoder.read(dir.resolve(names.get(i))), null));
        }
    }

    /** A key range of a RecordIO file. */
    private static final class RecordSlice extends ImageSlice {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String rec;
        private final long[] keys;

        RecordSlice(int first, String rec, long[] keys) {
            super(first);
            this.rec = rec;
            this.keys = keys;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public SliceResult embed(FolderEmbedder embedder) throws IOException {
            try (RecordIoReader reader = RecordIoReader.open(Path.of(rec))) {
                List<String> names = new ArrayList<>(keys.length);
                List<String> labels = new ArrayList<>(keys.length);
                for (long k : keys) {
                    names.add(Long.toString(k));
                    labels.add(reader.readHeader(k).classLabelText());
                }
                return SliceResult.of(first(), names, labels, embedder.embed(names, labels,
                        i -> ImageDecoder.decode(reader.readRecord(keys[i]).image(), reader.locate(keys[i])), null));
            }
        }
    }
}
