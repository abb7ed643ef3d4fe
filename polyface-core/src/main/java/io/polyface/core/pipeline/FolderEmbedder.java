package io.polyface.core.pipeline;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.CorruptImageException;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Embeds every image of a folder tree: walks it recursively in sorted order, decodes each file by content (no
 * extension needed), aligns the face (YuNet + ArcFace template, via {@link FacePipeline}) or — without a
 * pipeline — resizes the whole image to the model input with core's bilinear resize (the rule training uses),
 * and embeds in batches. A row's identity is the first path component under the folder.
 *
 * <p>Files that cannot be read or decoded (a decoder warning such as a truncated JPEG included) follow the
 * {@link CorruptImagePolicy}: by default they are listed as unreadable (with the reason) and the walk goes on; in
 * strict mode the first one stops it. Images without a face are listed as such. Hidden files (names starting with
 * '.') are skipped.
 */
public final class FolderEmbedder {

    private static final int CHUNK = 64;

    /** Reads image {@code i} of a list of named images (a file under a folder, a record of an archive, ...). */
    @FunctionalInterface
    public interface ImageSource {
        /**
         * @param index the image's index in the list
         * @return the decoded image
         * @throws IOException if it cannot be read or decoded (the message names it)
         */
        RgbImage read(int index) throws IOException;
    }

    private final FaceEmbedder embedder;
    private final FacePipeline pipeline;
    private final CorruptImagePolicy corruptImages;

    /**
     * An embedder that skips and counts corrupt images.
     *
     * @param embedder the embedding model (its input size is the resize target without a pipeline)
     * @param pipeline a detect → align → embed pipeline using {@code embedder}, or {@code null} for plain resizing
     */
    public FolderEmbedder(FaceEmbedder embedder, FacePipeline pipeline) {
        this(embedder, pipeline, CorruptImagePolicy.skipAndCount());
    }

    /**
     * @param embedder the embedding model (its input size is the resize target without a pipeline)
     * @param pipeline a detect → align → embed pipeline using {@code embedder}, or {@code null} for plain resizing
     * @param corruptImages what to do with a file that cannot be read or decoded
     */
    public FolderEmbedder(FaceEmbedder embedder, FacePipeline pipeline, CorruptImagePolicy corruptImages) {
        this.embedder = embedder;
        this.pipeline = pipeline;
        this.corruptImages = corruptImages;
    }

    /** @return the embedding model */
    public FaceEmbedder embedder() {
        return embedder;
    }

    /**
     * Embeds a folder.
     *
     * @param dir the folder
     * @param progress called with (files done, files total) after each batch; may be {@code null}
     * @return the embeddings and the files that could not be embedded
     * @throws NoSuchFileException if {@code dir} does not exist
     * @throws IOException if the folder cannot be walked
     * @throws IllegalArgumentException if {@code dir} is not a folder, no image could be embedded (naming counts), or
     *     in strict mode an image is unreadable (naming it)
     */
    public FolderEmbeddings embed(Path dir, BiConsumer<Integer, Integer> progress) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a folder of images");
        }
        List<String> names = listImages(dir);
        FolderEmbeddings result = embed(names, identities(names), i -> ImageDecoder.read(dir.resolve(names.get(i))), progress);
        if (result.features().rows() == 0) {
            throw new IllegalArgumentException("no image in " + dir + " could be embedded (" + names.size() + " files, "
                    + result.unreadable().size() + " unreadable, " + result.noFace().size() + " without a face)");
        }
        return result;
    }

    /**
     * Lists the files of a folder tree as {@link #embed(Path, BiConsumer)} embeds them: regular files, recursively,
     * hidden names (starting with '.') skipped, sorted by their '/'-separated path relative to the folder.
     *
     * @param dir the folder
     * @return the relative paths, sorted
     * @throws IOException if the folder cannot be walked
     * @throws IllegalArgumentException if {@code dir} is not a folder
     */
    public static List<String> listImages(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder; expected a folder of images");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> relative(dir, p))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The identity of each relative path: its first path component (the path itself when it has none).
     *
     * @param paths '/'-separated relative paths
     * @return one identity per path
     */
    public static List<String> identities(List<String> paths) {
        List<String> labels = new ArrayList<>(paths.size());
        for (String p : paths) {
            labels.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
        }
        return labels;
    }

    /**
     * Embeds named images in list order, in chunks of 64 images: unreadable images are listed ("name: reason") or,
     * in strict mode ({@link CorruptImagePolicy}), fail the run; images without a face are listed (or centre-resized, by the pipeline's policy).
     *
     * @param names the image names (relative paths, record keys, ...), one per image
     * @param labels the identity of each image
     * @param source reads image {@code i}
     * @param progress called with (images done, images total) after each chunk; may be {@code null}
     * @return the embedded rows in list order with their names and labels (possibly none), and the images left out
     * @throws IllegalArgumentException if the lists differ in length, or in strict mode an image is unreadable
     */
    public FolderEmbeddings embed(List<String> names, List<String> labels, ImageSource source, BiConsumer<Integer, Integer> progress) {
        if (names.size() != labels.size()) {
            throw new IllegalArgumentException(names.size() + " image names but " + labels.size() + " labels");
        }
        List<float[]> rows = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> noFace = new ArrayList<>();
        List<String> centre = new ArrayList<>();
        for (int start = 0; start < names.size(); start += CHUNK) {
            List<RgbImage> images = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (int i = start; i < Math.min(names.size(), start + CHUNK); i++) {
                try {
                    images.add(source.read(i));
                    indices.add(i);
                } catch (IOException e) {
                    try {
                        corruptImages.reject(names.get(i), e);
                    } catch (CorruptImageException strict) {
                        throw new IllegalArgumentException(strict.getMessage(), strict);
                    }
                    unreadable.add(names.get(i) + ": " + e.getMessage());
                }
            }
            if (!images.isEmpty()) {
                List<Optional<float[]>> embedded = embedChunk(images, indices, names, noFace, centre);
                for (int k = 0; k < embedded.size(); k++) {
                    if (embedded.get(k).isPresent()) {
                        rows.add(embedded.get(k).get());
                        paths.add(names.get(indices.get(k)));
                        rowLabels.add(labels.get(indices.get(k)));
                    }
                }
            }
            if (progress != null) {
                progress.accept(Math.min(names.size(), start + CHUNK), names.size());
            }
        }
        float[] data = new float[rows.size() * embedder.embeddingSize()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * embedder.embeddingSize(), embedder.embeddingSize());
        }
        return new FolderEmbeddings(FeatureMatrix.fromRowMajor(rows.size(), embedder.embeddingSize(), data), paths, rowLabels,
                unreadable, noFace, centre);
    }

    /** Embeds one chunk; an empty result for an image without a face (listed in {@code noFace}). */
    private List<Optional<float[]>> embedChunk(List<RgbImage> images, List<Integer> indices, List<String> names,
                                               List<String> noFace, List<String> centre) {
        List<Optional<float[]>> out = new ArrayList<>(images.size());
        if (pipeline == null) {
            int w = embedder.preprocessing().inputWidth();
            int h = embedder.preprocessing().inputHeight();
            List<RgbImage> resized = new ArrayList<>(images.size());
            for (RgbImage im : images) {
                resized.add(im.width() == w && im.height() == h ? im : im.resize(w, h));
            }
            for (float[] e : embedder.embed(resized)) {
                out.add(Optional.of(e));
            }
            return out;
        }
        List<FaceResult> results = pipeline.embed(images);
        for (int i = 0; i < results.size(); i++) {
            FaceResult r = results.get(i);
            String name = names.get(indices.get(i));
            if (r.embedding().isEmpty()) {
                noFace.add(name);
            } else if (r.outcome() == FaceResult.Outcome.CENTRE_RESIZED) {
                centre.add(name);
            }
            out.add(r.embedding());
        }
        return out;
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }
}
