package io.polyface.core.pipeline;

import io.polyface.core.embed.FaceEmbedder;
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

    /**
     * Embeds a folder.
     *
     * @param dir the folder
     * @param progress called with (files done, files total) after each batch; may be {@code null}
     * @return the embeddings and the files that could not be embedded
     * @throws NoSuchFileException if {@code dir} does not exist
     * @throws io.polyface.core.image.CorruptImageException in strict mode, for the first file that cannot be read or
     *     decoded (naming it)
     * @throws IOException if the folder cannot be walked
     * @throws IllegalArgumentException if {@code dir} is not a folder, or no image could be embedded (naming counts)
     */
    public FolderEmbeddings embed(Path dir, BiConsumer<Integer, Integer> progress) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a folder of images");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder; expected a folder of images");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b)))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<float[]> rows = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> noFace = new ArrayList<>();
        List<String> centre = new ArrayList<>();
        for (int start = 0; start < files.size(); start += CHUNK) {
            List<RgbImage> images = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Path f : files.subList(start, Math.min(files.size(), start + CHUNK))) {
                String rel = relative(dir, f);
                try {
                    images.add(ImageDecoder.read(f));
                    names.add(rel);
                } catch (IOException e) {
                    corruptImages.reject(f.toString(), e);
                    unreadable.add(rel + ": " + e.getMessage());
                }
            }
            if (!images.isEmpty()) {
                embedChunk(images, names, rows, paths, noFace, centre);
            }
            if (progress != null) {
                progress.accept(Math.min(files.size(), start + CHUNK), files.size());
            }
        }
        for (String p : paths) {
            labels.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no image in " + dir + " could be embedded (" + files.size() + " files, "
                    + unreadable.size() + " unreadable, " + noFace.size() + " without a face)");
        }
        return new FolderEmbeddings(FeatureMatrix.of(rows.toArray(new float[0][])), paths, labels, unreadable, noFace, centre);
    }

    private void embedChunk(List<RgbImage> images, List<String> names, List<float[]> rows, List<String> paths,
                            List<String> noFace, List<String> centre) {
        if (pipeline == null) {
            int w = embedder.preprocessing().inputWidth();
            int h = embedder.preprocessing().inputHeight();
            List<RgbImage> resized = new ArrayList<>(images.size());
            for (RgbImage im : images) {
                resized.add(im.width() == w && im.height() == h ? im : im.resize(w, h));
            }
            float[][] e = embedder.embed(resized);
            for (int i = 0; i < e.length; i++) {
                rows.add(e[i]);
                paths.add(names.get(i));
            }
            return;
        }
        List<FaceResult> results = pipeline.embed(images);
        for (int i = 0; i < results.size(); i++) {
            FaceResult r = results.get(i);
            if (r.embedding().isEmpty()) {
                noFace.add(names.get(i));
                continue;
            }
            if (r.outcome() == FaceResult.Outcome.CENTRE_RESIZED) {
                centre.add(names.get(i));
            }
            rows.add(r.embedding().get());
            paths.add(names.get(i));
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }
}
