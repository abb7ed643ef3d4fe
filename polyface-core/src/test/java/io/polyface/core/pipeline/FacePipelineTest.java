package io.polyface.core.pipeline;

import io.polyface.core.align.FaceAligner;
import io.polyface.core.detect.DetectedFace;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.TestImages;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** detect → align → embed wiring, the no-face policies and the centre-resize fallback. */
class FacePipelineTest {

    private static YuNetDetector detector;
    private static FaceEmbedder embedder;

    @BeforeAll
    static void load() throws IOException {
        detector = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).build();
        embedder = FaceEmbedder.builder().setModelPath(SharedResources.resolve("models/fr_feature.onnx"))
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)).build();
    }

    @AfterAll
    static void close() {
        embedder.close();
        detector.close();
    }

    @Test
    void detectedFacesAreAlignedThenEmbeddedAndBlankPhotosFallBack() throws IOException {
        RgbImage face = ImageDecoder.read(SharedResources.resolve("data/orl/s3/4.pgm"));
        RgbImage blank = RgbImage.fromGrey(120, 90, new float[120 * 90]);
        FacePipeline pipeline = FacePipeline.builder().setDetector(detector).setEmbedder(embedder).build();
        List<FaceResult> results = pipeline.embed(List.of(face, blank));

        FaceResult detected = results.get(0);
        assertThat(detected.outcome()).isEqualTo(FaceResult.Outcome.DETECTED);
        DetectedFace best = detected.face().orElseThrow();
        assertThat(best).isEqualTo(detector.detect(face).get(0));
        float[] expected = embedder.embed(FaceAligner.arcFace().align(face, best.landmarks()));
        assertThat(detected.embedding().orElseThrow()).containsExactly(expected);

        FaceResult fallback = results.get(1);
        assertThat(fallback.outcome()).isEqualTo(FaceResult.Outcome.CENTRE_RESIZED);
        assertThat(fallback.face()).isEmpty();
        assertThat(fallback.embedding().orElseThrow()).containsExactly(embedder.embed(FacePipeline.centreResize(blank, 112, 112)));

        FacePipeline skipping = FacePipeline.builder().setDetector(detector).setEmbedder(embedder)
                .optNoFacePolicy(FacePipeline.NoFacePolicy.SKIP).build();
        FaceResult skipped = skipping.embed(List.of(blank)).get(0);
        assertThat(skipped.outcome()).isEqualTo(FaceResult.Outcome.SKIPPED);
        assertThat(skipped.embedding()).isEmpty();
    }

    @Test
    void centreResizeCropsTheCentreToTheTargetAspect() {
        RgbImage portrait = TestImages.pattern(92, 112);
        assertThat(FacePipeline.centreResize(portrait, 112, 112)).isEqualTo(portrait.crop(0, 10, 92, 92).resize(112, 112));
        RgbImage landscape = TestImages.pattern(150, 100);
        assertThat(FacePipeline.centreResize(landscape, 50, 50)).isEqualTo(landscape.crop(25, 0, 100, 100).resize(50, 50));
    }

    @Test
    void inconsistentSettingsAreRejected() {
        assertThatThrownBy(() -> FacePipeline.builder().setEmbedder(embedder).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detector");
        assertThatThrownBy(() -> FacePipeline.builder().setDetector(detector).setEmbedder(embedder)
                .optAligner(new FaceAligner(FaceAligner.ARCFACE_TEMPLATE, 128, 128)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128x128").hasMessageContaining("112x112");
        assertThatThrownBy(() -> new FaceResult(FaceResult.Outcome.DETECTED, Optional.empty(), Optional.of(new float[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent");
    }
}
