package io.polyface.examples;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.eval.Gallery;
import io.polyface.core.eval.GalleryMatch;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Example: 1:N search in a small gallery. Enrol one template per identity (the mean of a few images' embeddings,
 * L2-normalised by the gallery), then search a probe image and print the top-k identities by cosine similarity.
 *
 * <pre>
 * java … io.polyface.examples.GallerySearch EMBEDDER.onnx GALLERY_DIR PROBE_IMAGE [K]
 * e.g. ../shared/models/fr_feature.onnx ../shared/data/orl ../shared/data/orl/s7/10.pgm 3
 * </pre>
 *
 * <p>GALLERY_DIR holds one folder per identity; its first {@value #ENROL_IMAGES} images (file-name order) are enrolled.
 * Images are resized to the model input (no detection: use {@code FacePipeline} for unaligned photos).
 */
public final class GallerySearch {

    /** Images per identity used to build its template. */
    public static final int ENROL_IMAGES = 3;

    private GallerySearch() {}

    /**
     * Builds the gallery and searches one probe.
     *
     * @param model embedding model ([N,3,112,112] → [N,d]); preprocessing from its metadata, or known by its SHA-256
     * @param galleryDir one folder of images per identity
     * @param probe the probe image
     * @param k how many candidates
     * @return the top-k candidates, best first
     * @throws Exception if a file cannot be read or the model fails
     */
    public static List<GalleryMatch> search(Path model, Path galleryDir, Path probe, int k) throws Exception {
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(model)
                .build()) {
            int size = embedder.preprocessing().inputWidth();
            Gallery gallery = new Gallery(embedder.embeddingSize());
            List<Path> identities;
            try (Stream<Path> s = Files.list(galleryDir)) {
                identities = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path id : identities) {
                List<RgbImage> faces = new ArrayList<>();
                try (Stream<Path> s = Files.list(id)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().limit(ENROL_IMAGES).toList()) {
                        faces.add(ImageDecoder.read(f).resize(size, size));
                    }
                }
                float[][] e = embedder.embed(faces);
                float[] template = new float[e[0].length];
                for (float[] row : e) {
                    for (int j = 0; j < row.length; j++) {
                        template[j] += row[j] / e.length;
                    }
                }
                gallery.enrol(id.getFileName().toString(), template);
            }
            return gallery.search(embedder.embed(ImageDecoder.read(probe).resize(size, size)), k);
        }
    }

    /**
     * Entry point.
     *
     * @param args model, gallery folder, probe image, optional k (default 5)
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GallerySearch EMBEDDER.onnx GALLERY_DIR PROBE_IMAGE [K]");
            System.exit(2);
        }
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        for (GalleryMatch c : search(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), k)) {
            System.out.println(c);
        }
    }
}
