package io.polyface.examples.synth;

import io.polyface.core.align.Landmarks;
import io.polyface.core.image.AffineMatrix;
import io.polyface.core.image.AffineWarp;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.Degradation;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Renders a synthetic face: a cartoon drawn with Java2D from a {@link FaceIdentity} and a {@link Nuisance},
 * as a 112×112 RGB image roughly aligned like an ArcFace crop (eyes near (38, 52) and (74, 52), nose tip near
 * (56, 72), mouth corners near (41, 92) and (71, 92); see {@link FaceIdentity}). These are not photographs
 * of people and are not meant to look like any: they are a stand-in dataset with known identities.
 *
 * <p><b>Pipeline.</b> (1) The face is drawn, antialiased, on a canvas {@value #MARGIN} pixels larger than
 * the crop on every side, with the expression, head turn and side light of the nuisance. (2) The canvas is
 * warped into the 112×112 crop by core's {@link AffineWarp} (bilinear) with the similarity transform of
 * {@link #poseTransform}: rotation and scale about (56, 52), then shift; the margin keeps the corners
 * filled for every pose {@link Nuisance#sample} draws up to difficulty 1 (above it a strong rotation can bring
 * in the black border, as in real crops warped from near a photo's edge). (3) The nuisance's degradations (core's
 * {@code io.polyface.core.image.ops}) are applied in order, sharing one {@link SplittableRandom} seeded
 * with {@link Nuisance#degradationSeed()}.
 *
 * <p>The result is a pure function of its arguments (the same identity and nuisance give bit-identical
 * pixels on a given JDK); instances hold no state and are thread-safe.
 */
public final class SyntheticFaceRenderer {

    /** Width and height of a rendered face, pixels. */
    public static final int SIZE = 112;
    /** Extra canvas drawn on every side of the crop before the pose warp, pixels. */
    public static final int MARGIN = 24;
    /** The pivot of rotation and scale, crop pixels: midway between the template's eyes. */
    public static final double PIVOT_X = 56;
    /** The pivot of rotation and scale, crop pixels. */
    public static final double PIVOT_Y = 52;

    /** Creates a renderer. */
    public SyntheticFaceRenderer() {}

    /**
     * Renders one image.
     *
     * @param identity who is drawn
     * @param nuisance how this image differs from the identity's canonical one
     * @return a {@value #SIZE}×{@value #SIZE} image, values 0..255
     * @throws IllegalArgumentException if an argument is null
     */
    public RgbImage render(FaceIdentity identity, Nuisance nuisance) {
        Ranges.checkNotNull("identity", identity);
        Ranges.checkNotNull("nuisance", nuisance);
        int canvas = SIZE + 2 * MARGIN;
        BufferedImage image = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.translate(MARGIN, MARGIN);
            FaceDrawing.draw(g, identity, nuisance, new Rectangle2D.Double(-MARGIN, -MARGIN, canvas, canvas));
        } finally {
            g.dispose();
        }
        RgbImage drawn = toRgbImage(image);
        AffineMatrix canvasToCrop = concat(poseTransform(nuisance.pose()), new AffineMatrix(1, 0, -MARGIN, 0, 1, -MARGIN));
        RgbImage out = AffineWarp.warp(drawn, canvasToCrop, SIZE, SIZE);
        SplittableRandom random = new SplittableRandom(nuisance.degradationSeed());
        for (Degradation d : nuisance.degradations()) {
            out = d.apply(out, random);
        }
        return out;
    }

    /**
     * The similarity transform of a pose: rotation by {@code rotationDegrees} (clockwise on screen) and
     * scaling by {@code scale} about ({@value #PIVOT_X}, {@value #PIVOT_Y}), then the shift.
     *
     * @param pose the pose
     * @return the map from undisturbed crop pixels to output crop pixels
     * @throws IllegalArgumentException if {@code pose} is null
     */
    public static AffineMatrix poseTransform(Nuisance.Pose pose) {
        Ranges.checkNotNull("pose", pose);
        double t = Math.toRadians(pose.rotationDegrees());
        double a = pose.scale() * StrictMath.cos(t);
        double b = pose.scale() * StrictMath.sin(t);
        // x' = a(x − px) − b(y − py) + px + sx ; y' = b(x − px) + a(y − py) + py + sy
        return new AffineMatrix(a, -b, PIVOT_X - a * PIVOT_X + b * PIVOT_Y + pose.shiftX(),
                b, a, PIVOT_Y - b * PIVOT_X - a * PIVOT_Y + pose.shiftY());
    }

    /**
     * Where the five landmarks of a face land in the rendered image: {@link FaceIdentity#landmarks()} moved by
     * the head turn and the smile, then by {@link #poseTransform}. Useful as ground truth for alignment code.
     *
     * @param identity the identity
     * @param nuisance the nuisance
     * @return left eye, right eye, nose tip, left and right mouth corners, in output crop pixels
     * @throws IllegalArgumentException if an argument is null
     */
    public static Landmarks landmarks(FaceIdentity identity, Nuisance nuisance) {
        Ranges.checkNotNull("identity", identity);
        Ranges.checkNotNull("nuisance", nuisance);
        double[] p = identity.landmarks();
        double yaw = nuisance.pose().yaw();
        double lift = FaceDrawing.SMILE_LIFT * nuisance.expression().smile();
        for (int i = 0; i < 5; i++) {
            p[2 * i] = FaceDrawing.turnX(p[2 * i], yaw, i == 2 ? FaceDrawing.YAW_NOSE_SHIFT : 0);
        }
        p[7] -= lift;
        p[9] -= lift;
        AffineMatrix m = poseTransform(nuisance.pose());
        double[] out = new double[10];
        for (int i = 0; i < 5; i++) {
            out[2 * i] = m.applyX(p[2 * i], p[2 * i + 1]);
            out[2 * i + 1] = m.applyY(p[2 * i], p[2 * i + 1]);
        }
        return Landmarks.of(out);
    }

    /** Reads a {@link BufferedImage#TYPE_INT_RGB} canvas straight from its pixel array (no colour-model calls). */
    private static RgbImage toRgbImage(BufferedImage image) {
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float[] rgb = new float[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[3 * i] = (p >> 16) & 0xFF;
            rgb[3 * i + 1] = (p >> 8) & 0xFF;
            rgb[3 * i + 2] = p & 0xFF;
        }
        return RgbImage.of(image.getWidth(), image.getHeight(), rgb);
    }

    /** @return the map {@code outer ∘ inner} (inner applied first) */
    private static AffineMatrix concat(AffineMatrix outer, AffineMatrix inner) {
        return new AffineMatrix(
                outer.m00() * inner.m00() + outer.m01() * inner.m10(),
                outer.m00() * inner.m01() + outer.m01() * inner.m11(),
                outer.m00() * inner.m02() + outer.m01() * inner.m12() + outer.m02(),
                outer.m10() * inner.m00() + outer.m11() * inner.m10(),
                outer.m10() * inner.m01() + outer.m11() * inner.m11(),
                outer.m10() * inner.m02() + outer.m11() * inner.m12() + outer.m12());
    }
}
