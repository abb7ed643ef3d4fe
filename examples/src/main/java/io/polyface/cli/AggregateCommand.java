package io.polyface.cli;

import io.polyface.aggregation.Aggregator;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.aggregation.track.Track;
import io.polyface.aggregation.track.TrackLayout;
import io.polyface.aggregation.video.FrameAligner;
import io.polyface.aggregation.video.FrameFeatures;
import io.polyface.aggregation.video.TrackEmbedder;
import io.polyface.cli.common.AggregationOptions;
import io.polyface.cli.common.PerRowFiles;
import io.polyface.cli.common.ResultCommand;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.pipeline.FaceResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code polyface aggregate}: one feature per track (template) from frame features, by mean pooling, QAN,
 * QAN++ or the IJB template rule ({@code io.polyface.aggregation}). Two forms:
 * <ul>
 *   <li>precomputed frame features: an LFR feature file, the track id of each row, and for QAN/QAN++ the
 *       quality score of each row;</li>
 *   <li>the whole video pipeline: a folder {@code identity/track/frame}, an embedding model and (for
 *       QAN/QAN++) a quality model; frames are aligned (YuNet with {@code --detector}, else centre resize),
 *       embedded and scored, then aggregated.</li>
 * </ul>
 * Writes an LFR feature file with one row per track plus {@code FILE.tracks} and {@code FILE.labels}, so
 * that {@code polyface eval --features FILE --labels FILE.labels} scores the templates.
 */
@Command(name = "aggregate",
        mixinStandardHelpOptions = true,
        description = {
            "Aggregates frame features into one feature per track (template).",
            "Writes an LFR feature file plus FILE.tracks (track id per row) and FILE.labels (identity per",
            "row), ready for 'polyface eval'.",
            "",
            "Methods:",
            "  mean   mean of the L2-normalised frames (the LFR video baseline)",
            "  qan    sigmoid(quality)-weighted mean (QAN)",
            "  qanpp  QAN++: quality min-max rescaled within the track (raw scores for",
            "         tracks of 1-2 frames), weighted mean",
            "  ijb    mean per media, media means summed (ids identity/track/media)",
            "Without --normalize the features are not L2-normalised (cosine scores are the",
            "same either way).",
            "",
            "From frame features: --features FILE --tracks FILE [--quality FILE]",
            "  --tracks: one id per feature row, identity/track (identity/track/media for",
            "  ijb); --quality: one raw quality score per row (needed by qan and qanpp,",
            "  ignored by mean and ijb).",
            "From a folder identity/track/frame: --track-dir DIR --model FILE",
            "  [--quality-model FILE]: frames are aligned (YuNet + ArcFace template with",
            "  --detector, else the centre crop resized), embedded by --model and scored",
            "  by --quality-model (needed by qan and qanpp) on the same crops.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/polyface aggregate --features frames.bin --tracks frames.tracks --quality frames.quality --method qanpp --out tracks.bin",
            "  bin/polyface eval --features tracks.bin --labels tracks.bin.labels --far 1e-3,1e-2",
            "  bin/polyface aggregate --track-dir tracks/ --model ../shared/models/fr_feature.onnx \\",
            "      --quality-model quality.onnx --detector ../shared/models/yunet.onnx --method qanpp --out tracks.bin --save-frames frames.bin",
        })
final class AggregateCommand extends ResultCommand {

    @picocli.CommandLine.Mixin
    AggregationOptions aggregation;

    @Option(names = "--features", paramLabel = "FILE", description = "Frame features: LFR feature file, one frame per row.")
    Path features;

    @Option(names = "--tracks", paramLabel = "FILE", description = "Track id of each feature row, one per line.")
    Path tracks;

    @Option(names = "--quality", paramLabel = "FILE", description = "Quality score of each feature row, one per line.")
    Path quality;

    @Option(names = "--track-dir", paramLabel = "DIR", description = "Folder of identity/track/frame images.")
    Path trackDir;

    @Option(names = "--model", paramLabel = "FILE", description = "Embedding model (.onnx, [N,3,H,W] -> [N,D]).")
    Path model;

    @Option(names = "--preprocessing", paramLabel = "SIZE,ORDER,MEAN,STD",
            description = "Embedding model input for a model without preprocessing metadata that PolyFace does not know by its SHA-256, "
                    + "e.g. 112,RGB,127.5,127.5; refused if it contradicts the model's metadata.")
    String preprocessing;

    @Option(names = "--flip", description = "Embedding: average each frame with its mirror image (flip test-time augmentation).")
    boolean flip;

    @Option(names = "--quality-model", paramLabel = "FILE", description = "Quality model (.onnx, [N,3,H,W] -> [N,1]), e.g. an exported qan-quality.")
    Path qualityModel;

    @Option(names = "--detector", paramLabel = "FILE", description = "YuNet face detector (.onnx); without it frames are centre-resized.")
    Path detector;

    @Option(names = "--save-frames", paramLabel = "FILE",
            description = "Also write the frame features (LFR) with FILE.tracks and FILE.quality, inputs of the first form.")
    Path saveFrames;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime threads per model (default: ${DEFAULT-VALUE} = ONNX Runtime's choice).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Aggregator aggregator = aggregation.aggregator();
        if ((features == null) == (trackDir == null)) {
            throw new IllegalArgumentException("give either --features with --tracks (frame features) or --track-dir with --model"
                    + " (folder of tracks), not " + (features == null ? "neither" : "both"));
        }
        return features != null ? fromFeatures(aggregator) : fromTrackFolder(aggregator);
    }

    private Integer fromFeatures(Aggregator aggregator) throws Exception {
        rejectOptions("--features", Map.of("--model", model != null, "--preprocessing", preprocessing != null, "--flip", flip,
                "--quality-model", qualityModel != null, "--detector", detector != null, "--save-frames", saveFrames != null));
        if (tracks == null) {
            throw new IllegalArgumentException("--features needs --tracks FILE (the track id of each feature row)");
        }
        FeatureMatrix x = LfrFeatureFile.read(features);
        List<TrackId> ids = PerRowFiles.trackIds(tracks, features, x.rows());
        float[] scores = PerRowFiles.qualityScores(aggregator, quality, features, x.rows());
        if (!aggregator.requiresQualityScores() && quality != null) {
            note("--quality is ignored by --method " + aggregator.method().cliName());
        }
        TrackFeatures result = TrackFeatures.aggregate(x, ids, scores, aggregator);
        result.write(aggregation.out());
        report(aggregator, x.rows(), result, null);
        return 0;
    }

    private Integer fromTrackFolder(Aggregator aggregator) throws Exception {
        rejectOptions("--track-dir", Map.of("--features", features != null, "--tracks", tracks != null, "--quality", quality != null));
        if (model == null) {
            throw new IllegalArgumentException("--track-dir needs --model FILE (the frame-embedding model)");
        }
        if (aggregator.requiresMediaIds()) {
            throw new IllegalArgumentException("--method ijb needs a media id per frame, which a folder of tracks does not give;"
                    + " use --features with --tracks ids identity/track/media");
        }
        if (aggregator.requiresQualityScores() && qualityModel == null) {
            throw new IllegalArgumentException("--method " + aggregator.method().cliName() + " needs --quality-model FILE");
        }
        if (!aggregator.requiresQualityScores() && qualityModel != null && saveFrames == null) {
            note("--quality-model is not used by --method " + aggregator.method().cliName() + " (give --save-frames to keep its scores)");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads " + threads + ": expected >= 0");
        }
        FaceEmbedder.Builder eb = FaceEmbedder.builder().setModelPath(model).optFlip(flip).optIntraOpThreads(threads)
                .optNotices(Notices.to(spec, "aggregate"));
        if (preprocessing != null) {
            eb.optPreprocessing(parsePreprocessing(preprocessing));
        }
        List<Track> trackList = TrackLayout.read(trackDir);
        boolean scoreFrames = qualityModel != null && (aggregator.requiresQualityScores() || saveFrames != null);
        PrintWriter err = err();
        try (FaceEmbedder embedder = eb.build();
             QualityScorer scorer = scoreFrames
                     ? QualityScorer.builder().setModelPath(qualityModel).optIntraOpThreads(threads).build() : null;
             YuNetDetector yunet = detector == null ? null
                     : YuNetDetector.builder().setModelPath(detector).optIntraOpThreads(threads).build()) {
            int[] lastTenth = {0};
            FrameFeatures frames = TrackEmbedder.builder().setEmbedder(embedder).optQualityScorer(scorer)
                    .optFrameAligner(FrameAligner.builder().optDetector(yunet).build())
                    .optProgress((done, total) -> {
                        int tenth = 10 * done / total;
                        if (tenth != lastTenth[0]) {
                            lastTenth[0] = tenth;
                            err.printf(Locale.ROOT, "polyface aggregate: %d of %d tracks embedded%n", done, total);
                            err.flush();
                        }
                    })
                    .build().embed(trackList);
            if (saveFrames != null) {
                frames.write(saveFrames);
            }
            TrackFeatures result = TrackFeatures.aggregate(frames.embeddings(), frames.rowIds(), frames.qualityScores(), aggregator);
            result.write(aggregation.out());
            report(aggregator, frames.embeddings().rows(), result, frames);
        }
        return 0;
    }

    private void report(Aggregator aggregator, int frameCount, TrackFeatures result, FrameFeatures frames) {
        json.print(out(), () -> {
            Map<String, Object> m = aggregation.summary(aggregator, frameCount, result);
            if (frames != null) {
                m.put("frames_detected", frames.count(FaceResult.Outcome.DETECTED));
                m.put("frames_centre_resized", frames.count(FaceResult.Outcome.CENTRE_RESIZED));
                if (saveFrames != null) {
                    m.put("frame_features", saveFrames.toString());
                }
            }
            return m;
        }, o -> printText(o, aggregator, frameCount, result, frames));
    }

    private void printText(PrintWriter o, Aggregator aggregator, int frameCount, TrackFeatures result, FrameFeatures frames) {
        Path out = aggregation.out();
        o.printf(Locale.ROOT, "%s: %,d frames -> %,d tracks of %,d identities, dimension %d, %s%n", aggregator.method().cliName(),
                frameCount, result.features().rows(), result.labels().stream().distinct().count(), result.features().cols(),
                aggregator.normalize() ? "L2-normalised" : "not normalised");
        if (frames != null) {
            o.printf(Locale.ROOT, "frames: %,d face detected and aligned, %,d centre-resized%n",
                    frames.count(FaceResult.Outcome.DETECTED), frames.count(FaceResult.Outcome.CENTRE_RESIZED));
            if (saveFrames != null) {
                o.println("frame features written to " + saveFrames + " (+ .tracks" + (frames.qualityScores() != null ? ", .quality" : "") + ")");
            }
        }
        o.println("track features written to " + out + ", " + TrackFeatures.sibling(out, TrackFeatures.TRACKS_SUFFIX) + ", "
                + TrackFeatures.sibling(out, TrackFeatures.LABELS_SUFFIX));
    }

    private void rejectOptions(String form, Map<String, Boolean> given) {
        List<String> wrong = new ArrayList<>();
        given.forEach((name, present) -> {
            if (present) {
                wrong.add(name);
            }
        });
        if (!wrong.isEmpty()) {
            wrong.sort(null);
            throw new IllegalArgumentException(String.join(", ", wrong) + " cannot be combined with " + form);
        }
    }

    private void note(String message) {
        Notices.to(spec, "aggregate").accept(message);
    }

    /**
     * Parses {@code SIZE,ORDER,MEAN,STD}, e.g. {@code 112,RGB,127,128}.
     *
     * @throws IllegalArgumentException naming the option and the expected form
     */
    static Preprocessing parsePreprocessing(String text) {
        try {
            return Preprocessing.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--preprocessing " + e.getMessage(), e);
        }
    }
}
