package io.polyface.aggregation.ijb;

import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.core.align.FaceAligner;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.eval.ijb.IjbProtocol;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Embeds the image rows of an IJB protocol as InsightFace's IJB evaluation does: each row's image
 * ({@code loose_crop/<name>}) is aligned with the protocol's own five landmarks onto the ArcFace template
 * ({@link FaceAligner}, scaled to the model input; no detection) and embedded ({@link FaceEmbedder}: with its
 * flip option the embedding is the mean of the face's and its mirror's, the F2 mode of the scripts up to a
 * factor 2 that no template direction sees). A {@link QualityScorer}, when given, scores the same crops
 * (QAN++). Build the embedder with L2 normalisation off to keep the embedding norm ("norm score", the
 * scripts' default). Rows whose image is missing or cannot be decoded get a zero row and are listed. Rows
 * are processed in chunks (decoding and alignment in parallel), so one chunk of images is in memory at a
 * time; the result holds {@code N·d} floats.
 */
public final class ProtocolImageEmbedder {

    private static final int CHUNK = 64;

    private final FaceEmbedder embedder;
    private final QualityScorer scorer;

    /**
     * @param embedder the embedding model (not closed here)
     * @param scorer the quality model, or null (not closed here)
     */
    public ProtocolImageEmbedder(FaceEmbedder embedder, QualityScorer scorer) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.scorer = scorer;
    }

    /**
     * Embeds every row.
     *
     * @param protocol the protocol (its image rows and image folder)
     * @param progress called with (rows done, rows total) after each chunk, or null
     * @return one embedding (and quality score) per row
     * @throws IllegalArgumentException if the embedder's or scorer's input is not square
     * @throws IllegalStateException if ONNX Runtime fails
     */
    public ImageFeatures embed(IjbProtocol protocol, BiConsumer<Integer, Integer> progress) {
        ProtocolImages rows = protocol.images();
        Path dir = protocol.layout().images();
        FaceAligner aligner = aligner(embedder.preprocessing().inputWidth(), embedder.preprocessing().inputHeight(), "embedding");
        FaceAligner qualityAligner = scorer == null ? null
                : aligner(scorer.preprocessing().inputWidth(), scorer.preprocessing().inputHeight(), "quality");
        int n = rows.size();
        int d = embedder.embeddingSize();
        float[] x = new float[Math.multiplyExact(n, d)];
        boolean[] embedded = new boolean[n];
        float[] quality = scorer == null ? null : new float[n];
        String[] failure = new String[n];
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            RgbImage[] photos = new RgbImage[end - start];
            int from = start;
            IntStream.range(start, end).parallel().forEach(i -> {
                Path file = dir.resolve(rows.image(i));
                if (!Files.isRegularFile(file)) {
                    failure[i] = "missing";
                    return;
                }
                try {
                    photos[i - from] = ImageDecoder.read(file);
                } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                    failure[i] = "unreadable (" + e.getMessage() + ")";
                }
            });
            List<Integer> ok = new ArrayList<>();
            for (int i = start; i < end; i++) {
                if (failure[i] == null) {
                    ok.add(i);
                }
            }
            List<RgbImage> crops = ok.parallelStream().map(i -> aligner.align(photos[i - from], rows.landmarks(i))).toList();
            float[][] e = embedder.embed(crops);
            for (int k = 0; k < e.length; k++) {
                System.arraycopy(e[k], 0, x, ok.get(k) * d, d);
                embedded[ok.get(k)] = true;
            }
            if (scorer != null) {
                List<RgbImage> qc = qualityAligner == aligner ? crops
                        : ok.parallelStream().map(i -> qualityAligner.align(photos[i - from], rows.landmarks(i))).toList();
                float[] q = scorer.score(qc);
                for (int k = 0; k < q.length; k++) {
                    quality[ok.get(k)] = q[k];
                }
            }
            if (progress != null) {
                progress.accept(end, n);
            }
        }
        List<String> notEmbedded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (failure[i] != null) {
                notEmbedded.add(rows.image(i) + ": " + failure[i]);
            }
        }
        return new ImageFeatures(FeatureMatrix.fromRowMajor(n, d, x), embedded, quality, notEmbedded);
    }

    private static FaceAligner aligner(int width, int height, String what) {
        if (width != height) {
            throw new IllegalArgumentException("the " + what + " model's input is " + width + "x" + height
                    + "; aligning with the ArcFace template needs a square input");
        }
        return FaceAligner.arcFace(width);
    }
}
