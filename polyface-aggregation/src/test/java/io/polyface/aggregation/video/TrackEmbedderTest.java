package io.polyface.aggregation.video;

import ai.djl.ndarray.NDManager;
import io.polyface.aggregation.TrackId;
import io.polyface.aggregation.eval.TrackFeatures;
import io.polyface.aggregation.io.QualityScoresFile;
import io.polyface.aggregation.io.TrackIdsFile;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.aggregation.track.DegradedTrackGenerator;
import io.polyface.aggregation.track.Track;
import io.polyface.core.align.FaceAligner;
import io.polyface.core.arch.preset.QualityNet;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.pipeline.FacePipeline;
import io.polyface.core.pipeline.FaceResult;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The video pipeline on two ORL identities (2 tracks × 3 frames each) with fr_feature.onnx and a random quality net. */
class TrackEmbedderTest {

    @TempDir
    static Path dir;

    private static FaceEmbedder embedder;
    private static QualityScorer scorer;
    private static List<Track> tracks;

    @BeforeAll
    static void setUp() throws IOException {
        embedder = FaceEmbedder.builder().setModelPath(SharedResources.resolve("models/fr_feature.onnx"))
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)).build();
        Path quality = dir.resolve("quality.onnx");
        try (NDManager m = NDManager.newBaseManager()) {
            OnnxExporter.export(SpecNetwork.builder().setSpec(QualityNet.spec()).optInference(true).build().initialize(m), quality);
        }
        scorer = QualityScorer.builder().setModelPath(quality).build();
        tracks = DegradedTrackGenerator.builder().optSeed(1).optTracksPerIdentity(2).optFramesPerTrack(3)
                .optHeavyFramesPerTrack(1, 1).build().generate(SharedResources.resolve("data/orl"), List.of("s4", "s9"), dir.resolve("tracks"));
    }

    @AfterAll
    static void close() {
        scorer.close();
        embedder.close();
    }

    @Test
    void centreResizedFramesAreEmbeddedAndScoredOnTheSameCrops() throws IOException {
        FrameFeatures f = TrackEmbedder.builder().setEmbedder(embedder).optQualityScorer(scorer).build().embed(tracks);
        assertThat(f.rowIds()).extracting(TrackId::toString)
                .containsExactly("s4/t0", "s4/t0", "s4/t0", "s4/t1", "s4/t1", "s4/t1", "s9/t0", "s9/t0", "s9/t0", "s9/t1", "s9/t1", "s9/t1");
        assertThat(f.count(FaceResult.Outcome.CENTRE_RESIZED)).isEqualTo(12);
        List<RgbImage> crops = new ArrayList<>();
        for (Track t : tracks) {
            for (Path p : t.frames()) {
                crops.add(FacePipeline.centreResize(ImageDecoder.read(p), 112, 112));
            }
        }
        float[][] expected = embedder.embed(crops);
        float[] expectedScores = scorer.score(crops);
        for (int i = 0; i < 12; i++) {
            assertThat(f.embeddings().row(i)).containsExactly(expected[i]);
        }
        assertThat(f.qualityScores()).containsExactly(expectedScores);

        Path out = dir.resolve("frames.bin");
        f.write(out);
        assertThat(LfrFeatureFile.read(out)).isEqualTo(f.embeddings());
        assertThat(TrackIdsFile.read(TrackFeatures.sibling(out, ".tracks"))).isEqualTo(f.rowIds());
        assertThat(QualityScoresFile.read(TrackFeatures.sibling(out, ".quality"))).containsExactly(expectedScores);
    }

    @Test
    void withADetectorFacesAreAlignedOnTheirLandmarks() throws IOException {
        int[] calls = {0};
        try (YuNetDetector yunet = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).build()) {
            FrameAligner aligner = FrameAligner.builder().optDetector(yunet).build();
            FrameFeatures f = TrackEmbedder.builder().setEmbedder(embedder).optFrameAligner(aligner)
                    .optProgress((done, total) -> {
                        calls[0]++;
                        assertThat(total).isEqualTo(4);
                        assertThat(done).isEqualTo(calls[0]);
                    }).build().embed(tracks);
            assertThat(calls[0]).isEqualTo(4);
            assertThat(f.qualityScores()).isNull();
            assertThat(f.count(FaceResult.Outcome.DETECTED) + f.count(FaceResult.Outcome.CENTRE_RESIZED)).isEqualTo(12);
            // every track keeps two mildly changed ORL stills, in which YuNet finds the face
            assertThat(f.count(FaceResult.Outcome.DETECTED)).isGreaterThanOrEqualTo(8);
            Track t0 = tracks.get(0);
            int mild = t0.recorded().get(0).heavy() ? 1 : 0;
            RgbImage frame = ImageDecoder.read(t0.frames().get(mild));
            AlignedFrame a = aligner.align(frame);
            assertThat(a.outcome()).isEqualTo(FaceResult.Outcome.DETECTED);
            assertThat(a.crop()).isEqualTo(FaceAligner.arcFace().align(frame, yunet.detect(frame).get(0).landmarks()));
        }
    }

    @Test
    void modelsMustTakeCropsOfTheAlignersSize() {
        FrameAligner small = FrameAligner.builder().optAligner(new FaceAligner(FaceAligner.ARCFACE_TEMPLATE, 96, 112)).build();
        assertThatThrownBy(() -> TrackEmbedder.builder().setEmbedder(embedder).optFrameAligner(small).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fr_feature.onnx takes 112x112")
                .hasMessageContaining("96x112");
        assertThatThrownBy(() -> TrackEmbedder.builder().build()).hasMessageContaining("needs an embedder");
        assertThatThrownBy(() -> TrackEmbedder.builder().setEmbedder(embedder).build().embed(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
