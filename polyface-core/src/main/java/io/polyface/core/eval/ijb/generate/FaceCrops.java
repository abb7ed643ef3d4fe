package io.polyface.core.eval.ijb.generate;

import io.polyface.core.detect.DetectedFace;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Detects the face of each image (YuNet, best score), writes a loose crop around it as JPEG to
 * {@code loose_crop/N.jpg} ({@code N = 1, 2, …} in the images' sorted order) and keeps its five landmarks
 * (moved into the crop) and detector score. The loose crop is the square of side twice the longer box side,
 * centred on the box and clipped to the image: the face with context, as IJB's {@code loose_crop} images are.
 * Images that cannot be decoded or show no face are left out with the reason. Detection and encoding run in
 * parallel, in chunks, so one chunk of images is in memory at a time.
 */
final class FaceCrops {

    private static final int CHUNK = 32;

    /**
     * An image left out.
     *
     * @param path the image, relative to the image folder
     * @param reason why
     */
    record LeftOut(String path, String reason) {
    }

    /**
     * The crops written.
     *
     * @param faces the faces, in sorted source order
     * @param leftOut the images left out
     */
    record Result(List<Face> faces, List<LeftOut> leftOut) {
    }

    private record Outcome(byte[] jpeg, float[] landmarks, float score, String failure) {
    }

    private FaceCrops() {}

    /**
     * Crops every image.
     *
     * @param sourceDir the image folder
     * @param sources the images, relative to it, sorted
     * @param subjects the subject index of each image
     * @param detector the face detector
     * @param looseCrop the folder to write into (created)
     * @param jpegQuality JPEG quality 1..100
     * @param progress called with (images done, images total), or null
     * @return the faces and the images left out
     * @throws IOException if a crop cannot be written
     */
    static Result write(Path sourceDir, List<String> sources, int[] subjects, YuNetDetector detector, Path looseCrop, int jpegQuality,
                        BiConsumer<Integer, Integer> progress) throws IOException {
        Files.createDirectories(looseCrop);
        List<Face> faces = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        for (int start = 0; start < sources.size(); start += CHUNK) {
            int end = Math.min(sources.size(), start + CHUNK);
            int from = start;
            List<Outcome> outcomes = IntStream.range(start, end).parallel()
                    .mapToObj(i -> crop(sourceDir.resolve(sources.get(i)), detector, jpegQuality)).toList();
            for (int i = from; i < end; i++) {
                Outcome o = outcomes.get(i - from);
                if (o.failure() != null) {
                    leftOut.add(new LeftOut(sources.get(i), o.failure()));
                    continue;
                }
                String name = (faces.size() + 1) + ".jpg";
                Files.write(looseCrop.resolve(name), o.jpeg());
                faces.add(new Face(subjects[i], sources.get(i), name, o.landmarks(), o.score()));
            }
            if (progress != null) {
                progress.accept(end, sources.size());
            }
        }
        return new Result(List.copyOf(faces), List.copyOf(leftOut));
    }

    private static Outcome crop(Path file, YuNetDetector detector, int jpegQuality) {
        RgbImage image;
        try {
            image = ImageDecoder.read(file);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return new Outcome(null, null, 0, "unreadable: " + e.getMessage());
        }
        List<DetectedFace> found = detector.detect(image);
        if (found.isEmpty()) {
            return new Outcome(null, null, 0, "no face detected");
        }
        DetectedFace f = found.get(0);
        double side = 2 * Math.max(f.width(), f.height());
        int x0 = clamp((int) Math.floor(f.x() + f.width() / 2 - side / 2), image.width() - 1);
        int y0 = clamp((int) Math.floor(f.y() + f.height() / 2 - side / 2), image.height() - 1);
        int x1 = clamp((int) Math.ceil(f.x() + f.width() / 2 + side / 2), image.width());
        int y1 = clamp((int) Math.ceil(f.y() + f.height() / 2 + side / 2), image.height());
        if (x1 <= x0 || y1 <= y0) {
            return new Outcome(null, null, 0, "no face detected inside the image");
        }
        RgbImage crop = image.crop(x0, y0, x1 - x0, y1 - y0);
        float[] lm = new float[10];
        for (int k = 0; k < 5; k++) {
            lm[2 * k] = (float) (f.landmarks().x(k) - x0);
            lm[2 * k + 1] = (float) (f.landmarks().y(k) - y0);
        }
        return new Outcome(ImageEncoder.toJpeg(crop, jpegQuality), lm, (float) f.score(), null);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
