package io.polyface.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.aggregation.AggregationMethod;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.aggregation.track.DegradedTrackGenerator;
import io.polyface.aggregation.track.TrackLayout;
import io.polyface.aggregation.video.FrameFeatures;
import io.polyface.aggregation.video.TrackEmbedder;
import io.polyface.cli.common.Json;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.arch.preset.QualityNet;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LabelsFile;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code polyface aggregate} in-process: both forms, the hand-off to {@code eval}, and bad input. */
class AggregateCommandTest {

    @TempDir
    Path dir;

    /** Frames of d = 2: a/x = rows 0, 2, 4; b/y = rows 1, 3; a/z = row 5; b/w = rows 6, 7. */
    private Path features() throws Exception {
        Path f = dir.resolve("frames.bin");
        LfrFeatureFile.write(f, FeatureMatrix.of(new float[][] {{3, 4}, {1, 0}, {0, 2}, {0, -5}, {6, 8}, {-1, 1}, {1, 1}, {2, 1}}));
        Files.writeString(dir.resolve("frames.tracks"), "a/x\nb/y\na/x\nb/y\na/x\na/z\nb/w\nb/w\n");
        Files.writeString(dir.resolve("frames.quality"), "2\n-1\n0\n1\n1\n7\n0.5\n0.5\n");
        return f;
    }

    @Test
    void qanPlusPlusFromFrameFeaturesMatchesAHandComputationAndEvalRunsOnTheOutput() throws Exception {
        Path f = features();
        Path out = dir.resolve("tracks.bin");
        CliRun r = CliTestSupport.runOk("aggregate", "--features", f.toString(), "--tracks", dir.resolve("frames.tracks").toString(),
                "--quality", dir.resolve("frames.quality").toString(), "--method", "qanpp", "--out", out.toString());
        assertThat(r.out()).contains("qanpp: 8 frames -> 4 tracks of 2 identities, dimension 2, not normalised")
                .contains("tracks.bin.labels");
        FeatureMatrix t = LfrFeatureFile.read(out);
        // a/x: scores 2, 0, 1 -> min-max weights 1, 0, 0.5 -> ((3, 4) + 0.5 (6, 8)) / 1.5 = (4, 16/3)
        assertThat((double) t.get(0, 0)).isCloseTo(4.0, within(1e-5));
        assertThat((double) t.get(0, 1)).isCloseTo(16.0 / 3, within(1e-5));
        // b/y: two frames, raw scores -1 (clamped to 0) and 1 -> (0, -5); a/z: one frame; b/w: equal scores -> the mean
        assertThat(t.row(1)).containsExactly(0f, -5f);
        assertThat(t.row(2)).containsExactly(-1f, 1f);
        assertThat(t.row(3)).containsExactly(1.5f, 1f);
        assertThat(Files.readString(dir.resolve("tracks.bin.tracks"))).isEqualTo("a/x\nb/y\na/z\nb/w\n");
        assertThat(LabelsFile.read(dir.resolve("tracks.bin.labels"))).containsExactly("a", "b", "a", "b");

        CliRun e = CliTestSupport.runOk("eval", "--features", out.toString(), "--labels", dir.resolve("tracks.bin.labels").toString(),
                "--far", "0.25");
        assertThat(e.out()).contains("all pairs of 4 embeddings of dimension 2").contains("2 genuine, 4 impostor pairs");
    }

    @Test
    void meanPoolingIgnoresQualityNormalizesOnRequestAndJsonIsMachineReadable() throws Exception {
        Path f = features();
        Path out = dir.resolve("mean.bin");
        CliRun r = CliTestSupport.runOk("aggregate", "--features", f.toString(), "--tracks", dir.resolve("frames.tracks").toString(),
                "--quality", dir.resolve("frames.quality").toString(), "--method", "MEAN", "--normalize", "--out", out.toString(), "--json");
        assertThat(r.err()).contains("note: --quality is ignored by --method mean");
        JsonNode j = Json.mapper().readTree(r.out());
        assertThat(j.get("method").asText()).isEqualTo("mean");
        assertThat(j.get("normalize").asBoolean()).isTrue();
        assertThat(j.get("frames").asInt()).isEqualTo(8);
        assertThat(j.get("tracks").asInt()).isEqualTo(4);
        assertThat(j.get("labels_file").asText()).endsWith("mean.bin.labels");
        FeatureMatrix t = LfrFeatureFile.read(out);
        // a/x: unit frames (0.6, 0.8), (0, 1), (0.6, 0.8) -> (1.2, 2.6) normalised
        double n = Math.sqrt(1.2 * 1.2 + 2.6 * 2.6);
        assertThat((double) t.get(0, 0)).isCloseTo(1.2 / n, within(1e-6));
        assertThat((double) t.get(0, 1)).isCloseTo(2.6 / n, within(1e-6));
    }

    @Test
    void ijbUsesTheMediaPartOfTheTrackIds() throws Exception {
        Path f = dir.resolve("ijb.bin");
        LfrFeatureFile.write(f, FeatureMatrix.of(new float[][] {{2, 0}, {0, 2}, {0, 3}, {1, 1}}));
        Path tracks = dir.resolve("ijb.tracks");
        Files.writeString(tracks, "p/t/m1\np/t/m1\np/t/m2\nq/u/m1\n");
        Path out = dir.resolve("ijb-out.bin");
        CliRun r = CliTestSupport.runOk("aggregate", "--features", f.toString(), "--tracks", tracks.toString(), "--method", "ijb",
                "--out", out.toString());
        // p/t: media means (1, 1) and (0, 3) summed; q/u: (1, 1)
        assertThat(LfrFeatureFile.read(out).row(0)).containsExactly(1f, 4f);
        assertThat(LfrFeatureFile.read(out).row(1)).containsExactly(1f, 1f);
        assertThat(Files.readString(dir.resolve("ijb-out.bin.tracks"))).isEqualTo("p/t\nq/u\n");
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws Exception {
        Path f = features();
        String tracks = dir.resolve("frames.tracks").toString();
        String out = dir.resolve("o.bin").toString();
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", tracks, "--method", "qanpp", "--out", out),
                "--method qanpp needs --quality FILE");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", tracks, "--method", "median", "--out", out),
                "unknown aggregation method 'median'; expected one of mean, qan, qanpp, ijb");
        assertBad(List.of("aggregate", "--features", f.toString(), "--method", "mean", "--out", out), "--features needs --tracks");
        assertBad(List.of("aggregate", "--method", "mean", "--out", out), "give either --features");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", tracks, "--track-dir", dir.toString(), "--method", "mean",
                "--out", out), "not both");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", tracks, "--model", "m.onnx", "--method", "mean",
                "--out", out), "--model cannot be combined with --features");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", tracks, "--method", "ijb", "--out", out),
                "needs a media id per frame");
        Files.writeString(dir.resolve("short.tracks"), "a/x\nb/y\n");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", dir.resolve("short.tracks").toString(), "--method", "mean",
                "--out", out), "has 2 track ids but");
        Files.writeString(dir.resolve("bad.tracks"), "a/x\nb/y\na\n");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", dir.resolve("bad.tracks").toString(), "--method", "mean",
                "--out", out), "line 3");
        Files.writeString(dir.resolve("nan.quality"), "1\n1\n1\nNaN\n1\n1\n1\n1\n");
        assertBad(List.of("aggregate", "--features", f.toString(), "--tracks", tracks, "--quality", dir.resolve("nan.quality").toString(),
                "--method", "qan", "--out", out), "line 4 ('NaN')");
        assertBad(List.of("aggregate", "--track-dir", dir.toString(), "--method", "mean", "--out", out), "--track-dir needs --model");
        assertBad(List.of("aggregate", "--track-dir", dir.toString(), "--model", "m.onnx", "--method", "qanpp", "--out", out),
                "needs --quality-model");
        assertBad(List.of("aggregate", "--track-dir", dir.toString(), "--model", "m.onnx", "--preprocessing", "112,RGB,127",
                "--method", "mean", "--out", out), "expected SIZE,ORDER,MEAN,STD");
        assertThat(dir.resolve("o.bin")).doesNotExist();
    }

    private static void assertBad(List<String> args, String message) {
        CliRun r = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("polyface aggregate: error: ").contains(message);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void aFolderOfTracksRunsTheWholeVideoPipeline() throws Exception {
        Path trackDir = dir.resolve("tracks");
        DegradedTrackGenerator.builder().optSeed(4).optTracksPerIdentity(2).optFramesPerTrack(3).optHeavyFramesPerTrack(1, 1).build()
                .generate(SharedResources.resolve("data/orl"), List.of("s2", "s6"), trackDir);
        Path qualityModel = dir.resolve("quality.onnx");
        try (NDManager m = NDManager.newBaseManager()) {
            OnnxExporter.export(SpecNetwork.builder().setSpec(QualityNet.spec()).optInference(true).build().initialize(m), qualityModel);
        }
        Path embeddingModel = SharedResources.resolve("models/fr_feature.onnx");
        Path out = dir.resolve("video.bin");
        Path frames = dir.resolve("frames.bin");
        CliRun r = CliTestSupport.runOk("aggregate", "--track-dir", trackDir.toString(), "--model", embeddingModel.toString(),
                "--preprocessing", "112,RGB,127,128", "--quality-model", qualityModel.toString(), "--method", "qanpp", "--out", out.toString(),
                "--save-frames", frames.toString(), "--threads", "1");
        assertThat(r.out()).contains("qanpp: 12 frames -> 4 tracks of 2 identities, dimension 512")
                .contains("0 face detected and aligned, 12 centre-resized");
        assertThat(r.err()).contains("4 of 4 tracks embedded");

        // the same pipeline through the library
        FrameFeatures expectedFrames;
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(embeddingModel)
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)).build();
             QualityScorer scorer = QualityScorer.builder().setModelPath(qualityModel).build()) {
            expectedFrames = TrackEmbedder.builder().setEmbedder(embedder).optQualityScorer(scorer).build().embed(TrackLayout.read(trackDir));
        }
        TrackFeatures expected = TrackFeatures.aggregate(expectedFrames.embeddings(), expectedFrames.rowIds(),
                expectedFrames.qualityScores(), AggregationMethod.QANPP.create(false));
        FeatureMatrix got = LfrFeatureFile.read(out);
        for (int t = 0; t < 4; t++) {
            float[] a = got.row(t);
            float[] b = expected.features().row(t);
            for (int j = 0; j < a.length; j++) {
                assertThat(a[j]).isCloseTo(b[j], within(1e-5f));
            }
        }
        assertThat(Files.readString(dir.resolve("video.bin.tracks"))).isEqualTo("s2/t0\ns2/t1\ns6/t0\ns6/t1\n");
        assertThat(LabelsFile.read(dir.resolve("video.bin.labels"))).containsExactly("s2", "s2", "s6", "s6");
        assertThat(LfrFeatureFile.read(frames).rows()).isEqualTo(12);
        assertThat(TrackIdsFile.read(dir.resolve("frames.bin.tracks"))).hasSize(12);
        assertThat(QualityScoresFile.read(dir.resolve("frames.bin.quality"))).hasSize(12);

        // the saved frame features give the same templates through the first form
        Path again = dir.resolve("again.bin");
        CliRun r2 = CliTestSupport.runOk("aggregate", "--features", frames.toString(), "--tracks",
                dir.resolve("frames.bin.tracks").toString(), "--quality", dir.resolve("frames.bin.quality").toString(), "--method", "qanpp",
                "--out", again.toString());
        assertThat(LfrFeatureFile.read(again)).isEqualTo(got);
    }
}
