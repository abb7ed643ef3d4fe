package io.polyface.core.align;

import io.polyface.core.image.AffineWarp;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.TestImages;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Least-squares similarity fit onto the ArcFace template, checked against Umeyama's closed form and exact cases. */
class SimilarityTransformTest {

    private static final Landmarks TEMPLATE = FaceAligner.ARCFACE_TEMPLATE;

    @Test
    void templateLandmarksGiveTheIdentity() {
        SimilarityTransform t = FaceAligner.arcFace().transform(TEMPLATE);
        assertThat(t.a()).isCloseTo(1, within(1e-12));
        assertThat(t.b()).isCloseTo(0, within(1e-12));
        assertThat(t.tx()).isCloseTo(0, within(1e-10));
        assertThat(t.ty()).isCloseTo(0, within(1e-10));
    }

    @Test
    void rotatedScaledShiftedLandmarksMapBackOntoTheTemplate() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            double angle = (random.nextDouble() - 0.5) * 1.2; // ±34°
            double scale = 0.5 + 3 * random.nextDouble();
            double dx = -100 + 400 * random.nextDouble();
            double dy = -100 + 400 * random.nextDouble();
            SimilarityTransform forward = new SimilarityTransform(scale * Math.cos(angle), scale * Math.sin(angle), dx, dy);
            Landmarks inPhoto = forward.apply(TEMPLATE);
            SimilarityTransform fitted = FaceAligner.arcFace().transform(inPhoto);
            Landmarks back = fitted.apply(inPhoto);
            for (int i = 0; i < 5; i++) {
                assertThat(Math.hypot(back.x(i) - TEMPLATE.x(i), back.y(i) - TEMPLATE.y(i))).isLessThan(0.5).isLessThan(1e-9);
            }
            assertThat(fitted.scale()).isCloseTo(1 / scale, within(1e-9));
            assertThat(fitted.rotationRadians()).isCloseTo(-angle, within(1e-9));
        }
    }

    @Test
    void noisyLandmarksGiveUmeyamasLeastSquaresSolution() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            double[] xy = new double[10];
            for (int i = 0; i < 10; i++) {
                xy[i] = 30 + 120 * random.nextDouble();
            }
            Landmarks from = Landmarks.of(xy);
            SimilarityTransform fitted = SimilarityTransform.estimate(from, TEMPLATE);
            double[] umeyama = umeyama(from, TEMPLATE);
            assertThat(fitted.a()).isCloseTo(umeyama[0], within(1e-9));
            assertThat(fitted.b()).isCloseTo(umeyama[1], within(1e-9));
            assertThat(fitted.tx()).isCloseTo(umeyama[2], within(1e-7));
            assertThat(fitted.ty()).isCloseTo(umeyama[3], within(1e-7));
        }
    }

    /**
     * Umeyama (1991), eqs. 40–42, specialised to 2-D without reflection: with centred points p, q,
     * the optimal rotation angle is atan2(Σ p×q, Σ p·q), scale = √((Σ p·q)² + (Σ p×q)²) / Σ|p|²,
     * translation = mean(to) − sR·mean(from). Returns {a, b, tx, ty}.
     */
    private static double[] umeyama(Landmarks from, Landmarks to) {
        int n = from.size();
        double mfx = 0;
        double mfy = 0;
        double mtx = 0;
        double mty = 0;
        for (int i = 0; i < n; i++) {
            mfx += from.x(i) / n;
            mfy += from.y(i) / n;
            mtx += to.x(i) / n;
            mty += to.y(i) / n;
        }
        double dot = 0;
        double cross = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double px = from.x(i) - mfx;
            double py = from.y(i) - mfy;
            double qx = to.x(i) - mtx;
            double qy = to.y(i) - mty;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            var += px * px + py * py;
        }
        double a = dot / var;
        double b = cross / var;
        return new double[] {a, b, mtx - (a * mfx - b * mfy), mty - (b * mfx + a * mfy)};
    }

    @Test
    void alignmentUndoesAKnownWarp() {
        // draw the 112x112 "face" into a larger photo with a known similarity, then align it back
        RgbImage face = TestImages.smooth(112, 112);
        double angle = 0.3;
        double scale = 1.7;
        SimilarityTransform toPhoto = new SimilarityTransform(scale * Math.cos(angle), scale * Math.sin(angle), 120, 40);
        RgbImage photo = AffineWarp.warp(face, toPhoto.toAffine(), 320, 300);
        RgbImage aligned = FaceAligner.arcFace().align(photo, toPhoto.apply(TEMPLATE));
        assertThat(aligned.width()).isEqualTo(112);
        double maxError = 0;
        for (int y = 10; y < 102; y++) {
            for (int x = 10; x < 102; x++) {
                maxError = Math.max(maxError, Math.abs(aligned.get(x, y, 0) - face.get(x, y, 0)));
            }
        }
        assertThat(maxError).isLessThan(2.0); // two bilinear resamplings of a smooth image
    }

    @Test
    void degenerateInputIsRejected() {
        Landmarks same = Landmarks.of(5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
        assertThatThrownBy(() -> SimilarityTransform.estimate(same, TEMPLATE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coincide");
        assertThatThrownBy(() -> SimilarityTransform.estimate(Landmarks.of(1, 2, 3, 4), TEMPLATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 source points but 5 target points");
        assertThatThrownBy(() -> Landmarks.of(1, 2, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even length");
        assertThatThrownBy(() -> new FaceAligner(TEMPLATE, 0, 112)).isInstanceOf(IllegalArgumentException.class);
    }
}
