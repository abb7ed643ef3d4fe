package io.polyface.examples;

import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FaceResult;

import java.nio.file.Path;
import java.util.List;

/**
 * Example: are two photos the same person? Detect the face (YuNet), align it to the 112×112 ArcFace template,
 * embed it with a pretrained ONNX model and compare the embeddings by cosine similarity.
 *
 * <pre>
 * java … io.polyface.examples.CompareTwoPhotos DETECTOR.onnx EMBEDDER.onnx PHOTO_A PHOTO_B
 * e.g. ../shared/models/yunet.onnx ../shared/models/fr_feature.onnx ../shared/data/orl/s1/1.pgm ../shared/data/orl/s1/2.pgm
 * </pre>
 *
 * <p>fr_feature.onnx carries no PolyFace metadata; PolyFace recognises it by its SHA-256 (RGB, (px − 127)/128). Models
 * exported by PolyFace carry theirs; any other model needs {@code optPreprocessing}.
 */
public final class CompareTwoPhotos {

    private CompareTwoPhotos() {}

    /**
     * Compares two photos.
     *
     * @param detectorModel YuNet ONNX file
     * @param embeddingModel face-embedding ONNX file ([N,3,112,112] → [N,d])
     * @param a first photo (any PGM/PNG/JPEG/GIF)
     * @param b second photo
     * @return the cosine similarity of the two faces' embeddings, in [−1, 1]
     * @throws Exception if a file cannot be read or a model fails
     */
    public static double compare(Path detectorModel, Path embeddingModel, Path a, Path b) throws Exception {
        try (YuNetDetector detector = YuNetDetector.builder().setModelPath(detectorModel).build();
             FaceEmbedder embedder = FaceEmbedder.builder()
                     .setModelPath(embeddingModel)
                     .optFlip(true)
                     .build()) {
            FacePipeline pipeline = FacePipeline.builder().setDetector(detector).setEmbedder(embedder).build();
            List<FaceResult> faces = pipeline.embed(List.of(ImageDecoder.read(a), ImageDecoder.read(b)));
            float[] ea = faces.get(0).embedding().orElseThrow(() -> new IllegalArgumentException("no face in " + a));
            float[] eb = faces.get(1).embedding().orElseThrow(() -> new IllegalArgumentException("no face in " + b));
            double dot = 0;
            for (int i = 0; i < ea.length; i++) {
                dot += (double) ea[i] * eb[i]; // the embedder returns L2-normalised embeddings
            }
            return dot;
        }
    }

    /**
     * Entry point.
     *
     * @param args detector model, embedding model, photo A, photo B
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CompareTwoPhotos DETECTOR.onnx EMBEDDER.onnx PHOTO_A PHOTO_B");
            System.exit(2);
        }
        double cos = compare(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        System.out.printf("cosine similarity %.4f%n", cos);
    }
}
