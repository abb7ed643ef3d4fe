package io.polyface.examples.demo;

import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.MethodResult;
import io.polyface.aggregation.eval.TemplateComparison;
import io.polyface.aggregation.eval.TemplateEvaluation;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.aggregation.track.DegradedTrackGenerator;
import io.polyface.aggregation.track.Track;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.QualityNet;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.quality.QualityFrames;
import io.polyface.train.quality.QualityRegression;
import io.polyface.train.quality.TrainedQualityNet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's video part: degraded tracks (blur, noise, low resolution, occlusion, illumination, shifts; 1–2 heavily
 * corrupted frames per track) are generated from the stills of the held-out identities and of some training
 * identities; frames are embedded with the exported model; the QAN++ quality network is trained (regression to
 * each frame's cosine to its identity centre, recipe (b)) on the training identities' tracks only, exported to
 * ONNX and run with ONNX Runtime on the held-out frames; the held-out track templates of mean pooling, QAN and
 * QAN++ are evaluated all pairs, side by side.
 */
final class DemoAggregation {

    /** Target FARs of the template comparison (few templates: only coarse FARs are measurable). */
    static final List<Double> FARS = List.of(1e-2, 1e-1);

    /** Passes over the quality-training frames (recipe (b) regression; small: the demo has few frames). */
    static final int QUALITY_EPOCHS = 8;

    private DemoAggregation() {}

    static Map<String, Object> run(DemoConfig c, Path stills, IdentitySplit split, Path model, PrintStream log) throws IOException {
        Path root = c.out().resolve("tracks");
        AtomicFileWriter.deleteTree(root);
        DegradedTrackGenerator generator = DegradedTrackGenerator.builder().optSeed(c.seed())
                .optTracksPerIdentity(c.tracksPerIdentity()).optFramesPerTrack(c.framesPerTrack()).build();
        List<String> heldOut = names(split.heldOut());
        List<String> train = names(split.train());
        List<String> qualityIds = train.subList(0, Math.min(train.size(), Math.max(8, heldOut.size())));
        List<Track> evalTracks = generator.generate(stills, heldOut, root.resolve("heldout"));
        List<Track> trainTracks = generator.generate(stills, qualityIds, root.resolve("quality-train"));
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(model).optBatchSize(32).build()) {
            Frames tr = frames(trainTracks, embedder);
            Frames ev = frames(evalTracks, embedder);
            Path qualityModel = c.out().resolve("quality.onnx");
            QualityRegression regression = QualityRegression.builder().optSeed(c.seed()).optEpochs(QUALITY_EPOCHS).build();
            List<Double> losses;
            try (TrainedQualityNet net = regression.train(QualityFrames.of(tr.crops, tr.embeddings.toArray(), tr.ids))) {
                net.exportOnnx(qualityModel);
                losses = net.epochLosses();
            }
            float[] scores;
            try (QualityScorer scorer = QualityScorer.builder().setModelPath(qualityModel).build()) {
                scores = scorer.score(ev.crops);
            }
            TemplateComparison cmp = TemplateEvaluation.builder().optTargetFars(FARS)
                    .optAggregators(List.of(AggregationMethod.MEAN.create(true), AggregationMethod.QAN.create(true),
                            AggregationMethod.QANPP.create(true)))
                    .build().evaluate(ev.embeddings, ev.ids, scores);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setup", String.format(Locale.ROOT, "%d held-out identities x %d tracks x %d frames (1-2 heavily corrupted per track);"
                            + " quality net trained on %d other identities' tracks (%d frames, regression to cosine-to-centre, %d epochs, final"
                            + " loss %.4f), run with ONNX Runtime", heldOut.size(), c.tracksPerIdentity(), c.framesPerTrack(), qualityIds.size(),
                    tr.crops.size(), losses.size(), losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1)));
            m.put("templates", evalTracks.size());
            m.put("frames", ev.crops.size());
            List<Map<String, Object>> methods = new ArrayList<>();
            for (MethodResult r : cmp.results()) {
                Map<String, Object> mr = new LinkedHashMap<>();
                mr.put("method", r.aggregator().method().cliName());
                mr.put("genuine", r.verification().genuineCount());
                mr.put("impostor", r.verification().impostorCount());
                mr.put("results", DemoReport.results(r.verification()));
                methods.add(mr);
            }
            m.put("methods", methods);
            m.put("quality_model", qualityModel.getFileName().toString());
            plot(c.out().resolve("aggregation.png"), cmp);
            log.printf(Locale.ROOT, "demo: templates TAR@FAR=1e-1 mean %.4f, QAN %.4f, QAN++ %.4f%n", cmp.results().get(0).tarAt(0.1),
                    cmp.results().get(1).tarAt(0.1), cmp.results().get(2).tarAt(0.1));
            return m;
        }
    }

    /**
     * Frames of a set of tracks: aligned crops at the quality net's input size, embeddings (of the crops at the
     * recognition model's input size) and track ids.
     */
    private record Frames(List<RgbImage> crops, FeatureMatrix embeddings, List<TrackId> ids) {}

    private static Frames frames(List<Track> tracks, FaceEmbedder embedder) throws IOException {
        int w = embedder.preprocessing().inputWidth();
        int h = embedder.preprocessing().inputHeight();
        TensorShape quality = QualityNet.spec().input();
        List<RgbImage> modelCrops = new ArrayList<>();
        List<RgbImage> qualityCrops = new ArrayList<>();
        List<TrackId> ids = new ArrayList<>();
        for (Track t : tracks) {
            for (Path f : t.frames()) {
                RgbImage im = ImageDecoder.read(f);
                modelCrops.add(resized(im, w, h));
                qualityCrops.add(resized(im, quality.width(), quality.height()));
                ids.add(TrackId.parse(t.identity() + "/" + t.name()));
            }
        }
        return new Frames(qualityCrops, FeatureMatrix.of(embedder.embed(modelCrops)), ids);
    }

    private static RgbImage resized(RgbImage im, int w, int h) {
        return im.width() == w && im.height() == h ? im : im.resize(w, h);
    }

    private static List<String> names(FaceDataset d) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.labels().name(d.label(i)));
        }
        return new ArrayList<>(out);
    }

    private static void plot(Path file, TemplateComparison cmp) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title("Track templates: TAR by target FAR")
                .xAxisTitle("target FAR").yAxisTitle("TAR").build();
        List<String> fars = FARS.stream().map(f -> String.format(Locale.ROOT, "%.0e", f)).toList();
        for (MethodResult r : cmp.results()) {
            List<Double> tars = FARS.stream().map(r::tarAt).toList();
            chart.addSeries(r.aggregator().method().cliName(), fars, tars);
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFileWriter.write(file, o -> o.write(png));
    }
}
