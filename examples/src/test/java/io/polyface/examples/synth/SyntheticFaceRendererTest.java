package io.polyface.examples.synth;

import io.polyface.core.align.FaceAligner;
import io.polyface.core.align.Landmarks;
import io.polyface.core.image.AffineMatrix;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.GaussianNoise;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The renderer: alignment to the ArcFace template, landmark ground truth, pose warp, purity. */
class SyntheticFaceRendererTest {

    private final SyntheticFaceRenderer renderer = new SyntheticFaceRenderer();

    private static FaceIdentity identity(long seed) {
        return FaceIdentity.sample(new SplittableRandom(seed));
    }

    @Test
    void canonicalLandmarksSpreadAroundTheArcFaceTemplate() {
        Landmarks template = FaceAligner.ARCFACE_TEMPLATE;
        int n = 2000;
        double[] mean = new double[10];
        for (int s = 0; s < n; s++) {
            Landmarks l = SyntheticFaceRenderer.landmarks(identity(s), Nuisance.none());
            for (int k = 0; k < 10; k++) {
                assertThat(l.xy()[k]).as("coordinate %d of identity %d", k, s).isCloseTo(template.xy()[k], within(5.5));
                mean[k] += l.xy()[k] / n;
            }
        }
        for (int k = 0; k < 10; k++) {
            assertThat(mean[k]).as("mean coordinate %d", k).isCloseTo(template.xy()[k], within(1.0));
        }
    }

    @Test
    void pupilsAreDrawnAtTheEyeLandmarksAlsoUnderAPoseChange() {
        Nuisance posed = new Nuisance(new Nuisance.Pose(2.5, -3, 8, 1.05, 0.4), new Nuisance.Expression(0.5, 0, 1, 1),
                new Nuisance.Lighting(0xB4B4B4, 0, 0), List.of(), 0);
        for (int s = 0; s < 40; s++) {
            FaceIdentity id = identity(s);
            for (Nuisance n : List.of(Nuisance.none(), posed)) {
                RgbImage image = renderer.render(id, n);
                Landmarks l = SyntheticFaceRenderer.landmarks(id, n);
                double ux = l.x(1) - l.x(0);
                double uy = l.y(1) - l.y(0);
                double norm = Math.hypot(ux, uy);
                for (int eye = 0; eye < 2; eye++) {
                    // a dark pupil at the landmark, white of the eye on the line through both eyes beside it
                    float pupil = darkest3x3(image, l.x(eye), l.y(eye));
                    assertThat(pupil).as("identity %d eye %d %s", s, eye, n.pose()).isLessThan(70);
                    float brightest = 0;
                    for (double t = -id.eyes().halfWidth(); t <= id.eyes().halfWidth(); t += 0.5) {
                        brightest = Math.max(brightest, grey(image, l.x(eye) + t * ux / norm, l.y(eye) + t * uy / norm));
                    }
                    assertThat(brightest).as("sclera of identity %d eye %d %s", s, eye, n.pose()).isGreaterThan(140)
                            .isGreaterThan(pupil + 90);
                }
            }
        }
    }

    @Test
    void poseTransformRotatesClockwiseAboutThePivotThenShifts() {
        AffineMatrix quarter = SyntheticFaceRenderer.poseTransform(new Nuisance.Pose(0, 0, 45, 1, 0));
        // a point 10 px right of the pivot turns 45° clockwise on screen: right and down
        double d = 10 / Math.sqrt(2);
        assertThat(quarter.applyX(66, 52)).isCloseTo(56 + d, within(1e-12));
        assertThat(quarter.applyY(66, 52)).isCloseTo(52 + d, within(1e-12));
        AffineMatrix m = SyntheticFaceRenderer.poseTransform(new Nuisance.Pose(3, -2, 0, 1.2, 0));
        assertThat(m.applyX(56, 52)).isCloseTo(59, within(1e-12));
        assertThat(m.applyY(56, 52)).isCloseTo(50, within(1e-12));
        assertThat(m.applyX(66, 52)).isCloseTo(59 + 12, within(1e-12));
        AffineMatrix none = SyntheticFaceRenderer.poseTransform(Nuisance.none().pose());
        assertThat(none.applyX(12.5, 80)).isCloseTo(12.5, within(1e-12));
        assertThat(none.applyY(12.5, 80)).isCloseTo(80, within(1e-12));
    }

    @Test
    void landmarksFollowSmileAndTurn() {
        FaceIdentity id = identity(5);
        double[] base = id.landmarks();
        Nuisance smiling = new Nuisance(new Nuisance.Pose(0, 0, 0, 1, 0), new Nuisance.Expression(1, 0, 1, 0),
                new Nuisance.Lighting(0, 0, 0), List.of(), 0);
        Landmarks s = SyntheticFaceRenderer.landmarks(id, smiling);
        assertThat(s.y(3)).isCloseTo(base[7] - FaceDrawing.SMILE_LIFT, within(1e-12));
        assertThat(s.y(0)).isCloseTo(base[1], within(1e-12));
        Nuisance turned = new Nuisance(new Nuisance.Pose(0, 0, 0, 1, 1), new Nuisance.Expression(0, 0, 1, 0),
                new Nuisance.Lighting(0, 0, 0), List.of(), 0);
        Landmarks t = SyntheticFaceRenderer.landmarks(id, turned);
        double k = 1 - FaceDrawing.YAW_NARROWING;
        assertThat(t.x(0)).isCloseTo(56 + (base[0] - 56) * k + FaceDrawing.YAW_SHIFT, within(1e-12));
        assertThat(t.x(2)).isCloseTo(56 + FaceDrawing.YAW_SHIFT + FaceDrawing.YAW_NOSE_SHIFT, within(1e-12));
    }

    @Test
    void cornersStayFilledAtTheStrongestPoseOfDifficultyOne() {
        FaceIdentity sampled = identity(3);
        FaceIdentity bald = new FaceIdentity(sampled.head(), sampled.eyes(), sampled.brows(), sampled.nose(), sampled.mouth(),
                new FaceIdentity.Hair(FaceIdentity.HairStyle.BALD, 0, 20, 0), sampled.facialHair(), false);
        for (double rotation : new double[] {-10, 10}) {
            for (double shift : new double[] {-3, 3}) {
                Nuisance n = new Nuisance(new Nuisance.Pose(shift, shift, rotation, 0.94, 0), new Nuisance.Expression(0, 0, 1, 0),
                        new Nuisance.Lighting(0xFFFFFF, 0, 0), List.of(), 0);
                RgbImage image = renderer.render(bald, n);
                for (int[] c : new int[][] {{0, 0}, {111, 0}, {0, 111}, {111, 111}}) {
                    for (int ch = 0; ch < 3; ch++) {
                        assertThat(image.get(c[0], c[1], ch)).as("corner %d,%d at rotation %s shift %s", c[0], c[1], rotation, shift)
                                .isCloseTo(255f, within(1e-3f)); // bilinear weights sum to 1 up to float rounding
                    }
                }
            }
        }
    }

    @Test
    void renderingIsAPureFunctionOfItsArguments() {
        FaceIdentity id = identity(9);
        Nuisance n = Nuisance.sample(new SplittableRandom(4), 1);
        assertThat(renderer.render(id, n)).isEqualTo(new SyntheticFaceRenderer().render(id, n));
        Nuisance noisy = new Nuisance(n.pose(), n.expression(), n.lighting(), List.of(new GaussianNoise(5)), 1);
        Nuisance otherSeed = new Nuisance(n.pose(), n.expression(), n.lighting(), List.of(new GaussianNoise(5)), 2);
        assertThat(renderer.render(id, noisy)).isEqualTo(renderer.render(id, noisy)).isNotEqualTo(renderer.render(id, otherSeed));
        RgbImage image = renderer.render(id, n);
        assertThat(image.width()).isEqualTo(SyntheticFaceRenderer.SIZE);
        assertThat(image.height()).isEqualTo(SyntheticFaceRenderer.SIZE);
        for (float v : image.toArray()) {
            assertThat(v).isBetween(0f, 255f);
        }
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> renderer.render(null, Nuisance.none())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identity is null");
        assertThatThrownBy(() -> renderer.render(identity(1), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nuisance is null");
    }

    /** The grey level (R + G + B) / 3 of the nearest pixel. */
    private static float grey(RgbImage image, double x, double y) {
        int px = (int) Math.round(x);
        int py = (int) Math.round(y);
        return (image.get(px, py, 0) + image.get(px, py, 1) + image.get(px, py, 2)) / 3;
    }

    /** The darkest grey level, (R + G + B) / 3, among the 3×3 pixels around the nearest pixel to (x, y). */
    private static float darkest3x3(RgbImage image, double x, double y) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        float min = Float.MAX_VALUE;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                float g = (image.get(cx + dx, cy + dy, 0) + image.get(cx + dx, cy + dy, 1) + image.get(cx + dx, cy + dy, 2)) / 3;
                min = Math.min(min, g);
            }
        }
        return min;
    }
}
