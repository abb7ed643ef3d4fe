package io.polyface.core.detect;

import io.polyface.core.align.Landmarks;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** YuNet decoding against an independent reference (OpenCV DNN + a Python decode of the README rules), scaling, NMS, errors. */
class YuNetDetectorTest {

    private static YuNetDetector nativeSize;
    private static RgbImage orl;

    @BeforeAll
    static void load() throws IOException {
        nativeSize = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).optMinInputSide(0).build();
        orl = ImageDecoder.read(SharedResources.resolve("data/orl/s1/1.pgm"));
    }

    @AfterAll
    static void close() {
        nativeSize.close();
    }

    @Test
    void orlFaceMatchesTheOpenCvReferenceDecode() {
        // cv2.dnn on yunet.onnx with the 92x112 image padded to 96x128, decoded by the README rules, best face:
        List<DetectedFace> faces = nativeSize.detect(orl);
        assertThat(faces).isNotEmpty();
        DetectedFace best = faces.get(0);
        assertThat(best.score()).isCloseTo(0.9214253, within(2e-3));
        assertThat(best.x()).isCloseTo(11.093082, within(0.1));
        assertThat(best.y()).isCloseTo(12.324508, within(0.1));
        assertThat(best.width()).isCloseTo(69.403168, within(0.1));
        assertThat(best.height()).isCloseTo(97.320633, within(0.1));
        double[] expected = {26.817986, 53.128022, 60.210795, 52.688249, 43.373046, 71.968305, 30.942638, 85.645523,
                58.917809, 84.947369};
        assertThat(best.landmarks().xy()).containsExactly(expected, within(0.05));
        for (int i = 1; i < faces.size(); i++) {
            assertThat(faces.get(i).score()).isLessThanOrEqualTo(faces.get(i - 1).score());
            assertThat(faces.get(i).iou(best)).isLessThanOrEqualTo(0.3);
        }
    }

    @Test
    void upscaledAndDownscaledDetectionsMapBackToThePhoto() throws IOException {
        Landmarks reference = nativeSize.detect(orl).get(0).landmarks();
        try (YuNetDetector upscaling = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).build()) {
            Landmarks up = upscaling.detect(orl).get(0).landmarks(); // default: longer side scaled to 320
            // the same network input by hand: 92x112 -> 263x320, coordinates mapped back with pixel centres aligned
            Landmarks byHand = mapBack(nativeSize.detect(orl.resize(263, 320)).get(0).landmarks(), 92.0 / 263, 112.0 / 320);
            assertThat(up.xy()).containsExactly(byHand.xy(), within(1e-4));
            assertThat(maxDistance(up, reference)).isLessThan(4.0); // another scale, another estimate: close, not equal
        }
        RgbImage large = orl.resize(92 * 4, 112 * 4);
        try (YuNetDetector shrinking = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx"))
                .optMinInputSide(0).optMaxInputSide(112).build()) {
            Landmarks down = shrinking.detect(large).get(0).landmarks();
            // 368x448 is halved twice to 92x112
            Landmarks byHand = mapBack(nativeSize.detect(large.resize(184, 224).resize(92, 112)).get(0).landmarks(), 4, 4);
            assertThat(down.xy()).containsExactly(byHand.xy(), within(1e-4));
            assertThat(maxDistance(mapBack(down, 0.25, 0.25), reference)).isLessThan(4.0);
        }
    }

    private static Landmarks mapBack(Landmarks lm, double sx, double sy) {
        double[] xy = lm.xy();
        for (int i = 0; i < xy.length; i += 2) {
            xy[i] = (xy[i] + 0.5) * sx - 0.5;
            xy[i + 1] = (xy[i + 1] + 0.5) * sy - 0.5;
        }
        return Landmarks.of(xy);
    }

    private static double maxDistance(Landmarks a, Landmarks b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i)));
        }
        return max;
    }

    @Test
    void blankImageHasNoFace() {
        assertThat(nativeSize.detect(RgbImage.fromGrey(64, 48, new float[64 * 48]))).isEmpty();
    }

    @Test
    void nonMaximumSuppressionKeepsTheBestOfOverlappingBoxes() {
        Landmarks lm = Landmarks.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4);
        DetectedFace a = new DetectedFace(0, 0, 10, 10, 0.9, lm);
        DetectedFace b = new DetectedFace(1, 1, 10, 10, 0.95, lm); // IoU with a = 81/119 = 0.68
        DetectedFace c = new DetectedFace(8, 0, 10, 10, 0.8, lm); // IoU with b = 27/173 = 0.156
        DetectedFace d = new DetectedFace(50, 50, 5, 5, 0.7, lm);
        assertThat(a.iou(b)).isCloseTo(81.0 / 119, within(1e-12));
        assertThat(YuNetDetector.nonMaximumSuppression(List.of(a, b, c, d), 0.3, 5000)).containsExactly(b, c, d);
        assertThat(YuNetDetector.nonMaximumSuppression(List.of(a, b, c, d), 0.1, 5000)).containsExactly(b, d);
        assertThat(YuNetDetector.nonMaximumSuppression(List.of(a, b, c, d), 0.3, 2)).containsExactly(b);
    }

    @Test
    void wrongModelsAndSettingsAreRejected(@TempDir Path tmp) {
        assertThatThrownBy(() -> YuNetDetector.builder().setModelPath(SharedResources.resolve("models/fr_feature.onnx")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fr_feature.onnx").hasMessageContaining("cls_8");
        assertThatThrownBy(() -> YuNetDetector.builder().setModelPath(tmp.resolve("none.onnx")).build())
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> YuNetDetector.builder().setModelPath(tmp).optScoreThreshold(1.5f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scoreThreshold 1.5");
        assertThatThrownBy(() -> YuNetDetector.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelPath");
    }

    @Test
    void closedDetectorRefusesWork() throws IOException {
        YuNetDetector d = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).build();
        d.close();
        d.close();
        assertThatThrownBy(() -> d.detect(orl)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
