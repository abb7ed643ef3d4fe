package io.polyface.aggregation.ijb;

import io.polyface.aggregation.io.LinesFile;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved image features of a protocol, so that a second evaluation (other template options, another
 * aggregator) needs no model run: {@code F} is an LFR feature file with one row per protocol image row
 * (a row of zeros for an image that was missing or unreadable), {@code F.list} names each row's image, and
 * {@code F.quality} (with a quality model) holds one raw quality score per row. Each file is written
 * atomically.
 */
public final class ImageFeaturesFile {

    private ImageFeaturesFile() {}

    /**
     * Writes the features.
     *
     * @param file the LFR feature file to write ({@code .list} and {@code .quality} beside it)
     * @param rows the protocol's image rows
     * @param features their features
     * @throws IllegalArgumentException if the row counts differ
     * @throws IOException if writing fails
     */
    public static void write(Path file, ProtocolImages rows, ImageFeatures features) throws IOException {
        if (rows.size() != features.rows()) {
            throw new IllegalArgumentException(rows.size() + " protocol rows but " + features.rows() + " feature rows");
        }
        LfrFeatureFile.write(file, features.embeddings());
        LinesFile.write(sibling(file, ".list"), rows.images());
        if (features.quality() != null) {
            QualityScoresFile.write(sibling(file, ".quality"), features.quality());
        }
    }

    /**
     * Reads saved features and checks that they belong to these rows.
     *
     * @param file the LFR feature file
     * @param rows the protocol's image rows
     * @param needQuality whether quality scores are needed ({@code F.quality} must then exist)
     * @return the features; rows of zeros are the images that were not embedded
     * @throws MalformedFileException if the row count or an image name differs from the protocol (naming the
     *     line), or {@code F.quality} is needed and missing or of the wrong length
     * @throws IOException if a file cannot be read
     */
    public static ImageFeatures read(Path file, ProtocolImages rows, boolean needQuality) throws IOException {
        FeatureMatrix x = LfrFeatureFile.read(file);
        Path list = sibling(file, ".list");
        if (!Files.isRegularFile(list)) {
            throw new MalformedFileException(list, "no such file; saved features need the image name of each row beside them");
        }
        List<String> names = LinesFile.read(list);
        if (x.rows() != rows.size() || names.size() != rows.size()) {
            throw new MalformedFileException(file, "has " + x.rows() + " rows and " + list.getFileName() + " " + names.size()
                    + " names, but the protocol has " + rows.size() + " image rows; were the features saved for another protocol?");
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(rows.image(i))) {
                throw new MalformedFileException(list, "line " + (i + 1) + " names '" + names.get(i) + "' where the protocol has '"
                        + rows.image(i) + "'; were the features saved for another protocol?");
            }
        }
        boolean[] embedded = new boolean[x.rows()];
        List<String> notEmbedded = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            float[] r = x.row(i);
            for (float v : r) {
                if (v != 0f) {
                    embedded[i] = true;
                    break;
                }
            }
            if (!embedded[i]) {
                notEmbedded.add(rows.image(i) + ": not embedded when " + file.getFileName() + " was saved");
            }
        }
        float[] quality = null;
        Path q = sibling(file, ".quality");
        if (needQuality) {
            if (!Files.isRegularFile(q)) {
                throw new MalformedFileException(q, "no such file; QAN++ needs the quality scores saved with the features"
                        + " (save them once with a quality model)");
            }
            quality = QualityScoresFile.read(q);
            if (quality.length != x.rows()) {
                throw new MalformedFileException(q, "has " + quality.length + " scores for " + x.rows() + " feature rows");
            }
        }
        return new ImageFeatures(x, embedded, quality, notEmbedded);
    }

    /**
     * @param file a feature file
     * @param suffix e.g. {@code .list}
     * @return {@code file + suffix}
     */
    public static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
