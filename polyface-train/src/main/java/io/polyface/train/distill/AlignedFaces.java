package io.polyface.train.distill;

import io.polyface.core.align.FaceAligner;
import io.polyface.core.detect.DetectedFace;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.FileDigests;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.ListFileDataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares training images as at inference ({@code bin/polyface embed --align yunet}): YuNet detection of the
 * highest-scoring face, then its 5 landmarks mapped by a similarity transform onto the ArcFace template
 * ({@link FaceAligner#arcFace()}, 112×112). Done once: each crop is cached as {@code <sha256 of the source
 * bytes>.png} in the cache folder (found again on the next run), and the aligned set is a list file
 * {@code aligned.txt} ({@code crop label}) beside them, read as a {@link ListFileDataset} with the source's identity
 * labels. Images where no face is found are left out, counted and named (strict mode: the first one fails).
 */
public final class AlignedFaces {

    /**
     * The aligned set.
     *
     * @param dataset the aligned crops with the source's labels
     * @param noFace the source images where no face was found (left out)
     * @param fromCache crops found in the cache folder
     */
    public record Result(FaceDataset dataset, List<String> noFace, int fromCache) {}

    private AlignedFaces() {}

    /**
     * @param source the training images
     * @param detector YuNet
     * @param cacheFolder where crops and the list go (created)
     * @param strict fail at the first image without a face instead of leaving it out
     * @return the aligned set
     * @throws IllegalArgumentException naming the file in strict mode when no face is found, or naming {@code --data}
     *     when no image has a face
     * @throws IOException if an image cannot be read or decoded, or a crop cannot be written
     */
    public static Result prepare(FaceDataset source, YuNetDetector detector, Path cacheFolder, boolean strict) throws IOException {
        Files.createDirectories(cacheFolder);
        FaceAligner aligner = FaceAligner.arcFace();
        List<String> lines = new ArrayList<>();
        List<String> noFace = new ArrayList<>();
        int cached = 0;
        for (int i = 0; i < source.size(); i++) {
            byte[] bytes = source.read(i);
            String name = FileDigests.sha256(bytes) + ".png";
            Path crop = cacheFolder.resolve(name);
            if (Files.isRegularFile(crop)) {
                cached++;
            } else {
                RgbImage photo = ImageDecoder.decode(bytes, source.locate(i));
                List<DetectedFace> faces = detector.detect(photo);
                if (faces.isEmpty()) {
                    if (strict) {
                        throw new IllegalArgumentException("--strict: no face found in " + source.locate(i));
                    }
                    noFace.add(source.locate(i));
                    continue;
                }
                ImageEncoder.writePng(aligner.align(photo, faces.get(0).landmarks()), crop);
            }
            lines.add(name + " " + source.labels().name(source.label(i)));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--data " + source.description() + ": no face found in any of its " + source.size() + " images");
        }
        Path list = cacheFolder.resolve("aligned.txt");
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(list, out -> out.write(text));
        return new Result(ListFileDataset.open(list), List.copyOf(noFace), cached);
    }
}
